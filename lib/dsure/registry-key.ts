import "server-only";
import crypto from "node:crypto";
import { dsureSecret } from "@/lib/env";
import { keyIdOf } from "@/lib/certificate/signature";

export type RegistryKey = { privateKeyPem: string; publicKeyPem: string; keyId: string };

let cached: { pem: string; key: RegistryKey } | undefined;

/**
 * D-Sure's own signing key (DSURE_SIGNING_PRIVATE_KEY): it signs D-Sure's receipts. Its public half is published with
 * the issuers' keys (GET /api/dsure/v1/public-keys, `registry`) and pinned by each surety (DSURE_PUBLIC_KEY).
 */
export function registryKey(): RegistryKey {
  const pem = dsureSecret("DSURE_SIGNING_PRIVATE_KEY");
  if (cached?.pem !== pem) {
    const publicKey = crypto.createPublicKey(crypto.createPrivateKey(pem));
    cached = { pem, key: { privateKeyPem: pem, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), keyId: keyIdOf(publicKey) } };
  }
  return cached.key;
}
