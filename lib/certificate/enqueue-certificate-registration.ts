import "server-only";
import crypto from "node:crypto";
import type { Tx } from "@/lib/db";
import { env, suretySecret } from "@/lib/env";
import type { JsonValue } from "./canonical-json";
import { keyIdOf } from "./signature";
import {
  CHAIN_ENTRY_FORMAT,
  chainEntryBytes,
  chainEntryHash,
  sealKey,
  type ChainEntryBody,
  type SignedChainEntry,
  type TCancelData,
  type TVersionData,
} from "@/lib/dsure/registration";

export type CertificateEntry =
  | { kind: "VERSION"; data: TVersionData }
  | { kind: "CANCEL"; data: TCancelData }
  /** The 認証キー itself: sealed here (sealKey), so the chain carries only its commitment and D-Sure its opening. */
  | { kind: "KEY"; key: string; reissue: boolean };

const signers = new Map<string, { privateKey: crypto.KeyObject; keyId: string }>();

/** The surety's issuer key (CERT_SIGNING_PRIVATE_KEY), parsed once per PEM. */
export function issuerSignerOf(privateKeyPem: string): { privateKey: crypto.KeyObject; keyId: string } {
  let signer = signers.get(privateKeyPem);
  if (!signer) {
    const privateKey = crypto.createPrivateKey(privateKeyPem);
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("certificate signing key must be Ed25519");
    signer = { privateKey, keyId: keyIdOf(crypto.createPublicKey(privateKey)) };
    signers.set(privateKeyPem, signer);
  }
  return signer;
}

/**
 * Queues what happened to an electronic certificate for registration at D-Sure, inside the caller's transaction
 * (which holds the contract's row lock), as mail is queued: the next entry of the certificate's chain — its place and
 * the previous entry's hash taken from the surety's own registration record, never from D-Sure — signed with the
 * certificate signing key (CERT_SIGNING_PRIVATE_KEY) as issuer SURETY_ISSUER_CODE. The registration dispatcher
 * delivers it (dispatchCertificateRegistrations). A rolled-back change registers nothing.
 */
export async function enqueueCertificateRegistration(
  tx: Tx,
  { contractId, contractNumber, at, entry }: { contractId: string; contractNumber: string; at: Date; entry: CertificateEntry },
): Promise<{ id: string; seq: number; hash: string }> {
  const issuer = env().SURETY_ISSUER_CODE;
  const signer = issuerSignerOf(suretySecret("CERT_SIGNING_PRIVATE_KEY"));
  const last = await tx.certificateRegistration.findFirst({
    where: { contractId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const sealed = entry.kind === "KEY" ? sealKey({ key: entry.key, contractNumber, reissue: entry.reissue }) : null;
  const body: ChainEntryBody = {
    format: CHAIN_ENTRY_FORMAT,
    issuer,
    contractNumber,
    seq: (last?.seq ?? 0) + 1,
    kind: entry.kind,
    at: at.toISOString(),
    prev: last?.hash ?? null,
    data: (sealed ? sealed.data : entry.kind === "KEY" ? null : entry.data) as unknown as JsonValue,
  };
  const signature = crypto.sign(null, chainEntryBytes(body), signer.privateKey).toString("base64url");
  const signed: SignedChainEntry = { ...body, keyId: signer.keyId, signature, ...(sealed ? { opening: sealed.opening } : {}) };
  const hash = chainEntryHash(signed);
  const row = await tx.certificateRegistration.create({
    data: { contractId, contractNumber, seq: body.seq, kind: entry.kind, entry: signed as unknown as object, hash },
    select: { id: true },
  });
  return { id: row.id, seq: body.seq, hash };
}
