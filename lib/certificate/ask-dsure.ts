import "server-only";
import { env, suretySecret } from "@/lib/env";
import { signIssuerQuery, type IssuerQueryAnswer, type TIssuerQueryBody } from "@/lib/dsure/registration";
import { createRegistrationClient, type RegistrationClient } from "./create-registration-client";
import { issuerSignerOf } from "./enqueue-certificate-registration";

const holder = globalThis as unknown as { __denshiHoshoDsureConnection?: RegistrationClient };

/** This process's way to D-Sure (DSURE_URL, or in-process), opened on first use and kept for the process's life. */
export function dsureConnection(): RegistrationClient {
  holder.__denshiHoshoDsureConnection ??= createRegistrationClient({ url: env().DSURE_URL });
  return holder.__denshiHoshoDsureConnection;
}

/**
 * Asks D-Sure a question about our own certificates, signed as our issuer (SURETY_ISSUER_CODE, the certificate
 * signing key), through the registration interface. Null when D-Sure cannot answer now (away, refusing): the caller
 * says so instead of guessing.
 */
export async function askDsure<K extends TIssuerQueryBody["kind"]>({
  query,
  connection = dsureConnection(),
  now = new Date(),
}: {
  query: Extract<TIssuerQueryBody, { kind: K }>;
  connection?: RegistrationClient;
  now?: Date;
}): Promise<Extract<IssuerQueryAnswer, { kind: K }> | null> {
  const e = env();
  const request = signIssuerQuery({
    issuer: e.SURETY_ISSUER_CODE,
    privateKeyPem: suretySecret("CERT_SIGNING_PRIVATE_KEY"),
    keyId: issuerSignerOf(suretySecret("CERT_SIGNING_PRIVATE_KEY")).keyId,
    query,
    now,
  });
  const answer = await connection.query(request);
  if (!answer.ok) {
    console.error(`[dsure] D-Sure に照会できません: ${answer.reason}`);
    return null;
  }
  return answer.answer.kind === query.kind ? (answer.answer as Extract<IssuerQueryAnswer, { kind: K }>) : null;
}
