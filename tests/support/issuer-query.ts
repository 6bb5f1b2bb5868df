import { env, suretySecret } from "../../lib/env";
import { keyIdOf } from "../../lib/certificate/signature";
import crypto from "node:crypto";
import { signIssuerQuery, type TIssuerQuery, type TIssuerQueryBody } from "../../lib/dsure/issuer-query";

/** A query signed as our own issuer (SURETY_ISSUER_CODE, CERT_SIGNING_PRIVATE_KEY), as the surety's app asks D-Sure. */
export function ourQuery(query: TIssuerQueryBody, { now = new Date() }: { now?: Date } = {}): TIssuerQuery {
  const e = env();
  const privateKeyPem = suretySecret("CERT_SIGNING_PRIVATE_KEY");
  const keyId = keyIdOf(crypto.createPublicKey(crypto.createPrivateKey(privateKeyPem)));
  return signIssuerQuery({ issuer: e.SURETY_ISSUER_CODE, privateKeyPem, keyId, query, now });
}
