import "server-only";
import crypto from "node:crypto";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { JsonValue } from "./canonical-json";
import { keyIdOf } from "./signature";
import {
  CHAIN_ENTRY_FORMAT,
  chainEntryBytes,
  readChainHead,
  registerChainEntries,
  type ChainEntryBody,
  type TCancelData,
  type TKeyData,
  type TVersionData,
} from "@/lib/dsure/registration";

export type CertificateEntry =
  | { kind: "VERSION"; data: TVersionData }
  | { kind: "CANCEL"; data: TCancelData }
  | { kind: "KEY"; data: TKeyData };

const signers = new Map<string, { privateKey: crypto.KeyObject; keyId: string }>();

function signerOf(privateKeyPem: string) {
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
 * Registers what happened to an electronic certificate with D-Sure (inside the caller's transaction, which holds the
 * contract's row lock): asks D-Sure where the certificate's chain ends, signs the next entry with the surety's
 * certificate signing key (CERT_SIGNING_PRIVATE_KEY) as issuer SURETY_ISSUER_CODE, and hands it over through the
 * registration interface, which checks it before keeping it. Nothing else of D-Sure is reached.
 */
export async function registerCertificateEntry(
  tx: Tx,
  { contractNumber, at, entry }: { contractNumber: string; at: Date; entry: CertificateEntry },
): Promise<{ seq: number; head: string }> {
  const { SURETY_ISSUER_CODE: issuer, CERT_SIGNING_PRIVATE_KEY } = env();
  const signer = signerOf(CERT_SIGNING_PRIVATE_KEY);
  const head = await readChainHead(tx, { issuerCode: issuer, contractNumber });
  const body: ChainEntryBody = {
    format: CHAIN_ENTRY_FORMAT,
    issuer,
    contractNumber,
    seq: head.length + 1,
    kind: entry.kind,
    at: at.toISOString(),
    prev: head.head,
    data: entry.data as unknown as JsonValue,
  };
  const signature = crypto.sign(null, chainEntryBytes(body), signer.privateKey).toString("base64url");
  const [registered] = await registerChainEntries(tx, { entries: [{ ...body, keyId: signer.keyId, signature }] });
  return { seq: body.seq, head: registered!.hash };
}
