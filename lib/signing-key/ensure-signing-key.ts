import "server-only";
import crypto from "node:crypto";
import type { Tx } from "@/lib/db";
import { keyIdOf } from "@/lib/certificate/signature";

const derived = new Map<string, { keyId: string; publicKeyPem: string }>();

/**
 * Makes sure the public half of the signing key is on record (SigningKey row) so every version it signs can be
 * verified, now and after the key is rotated: rows are only ever added, never replaced or removed.
 * Returns the key id that CertificateVersion.signingKeyId refers to.
 */
export async function ensureSigningKey(tx: Tx, { privateKeyPem }: { privateKeyPem: string }): Promise<{ keyId: string }> {
  let pub = derived.get(privateKeyPem);
  if (!pub) {
    const publicKey = crypto.createPublicKey(crypto.createPrivateKey(privateKeyPem));
    pub = { keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
    derived.set(privateKeyPem, pub);
  }
  // ON CONFLICT DO NOTHING: concurrent first conclusions insert the row once and none of them fails.
  await tx.$executeRaw`
    INSERT INTO "SigningKey" ("keyId", "algorithm", "publicKeyPem", "createdAt")
    VALUES (${pub.keyId}, 'Ed25519', ${pub.publicKeyPem}, now())
    ON CONFLICT ("keyId") DO NOTHING`;
  return { keyId: pub.keyId };
}
