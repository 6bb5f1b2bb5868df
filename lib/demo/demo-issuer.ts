import crypto from "node:crypto";

/**
 * The demo second surety at D-Sure (development only): D-Sure's default configuration outside production trusts it
 * beside our own issuer, and `npm run db:seed` registers its certificates through the registration interface with
 * its own key — so D-Sure shows certificates of two sureties. Its numbers use sequences from 9000001 (a surety's own
 * range: a 保証契約番号 names one certificate at D-Sure, whoever issued it).
 */
export const DEMO_ISSUER = { code: "higashi-nihon", name: "東日本建設業保証株式会社" } as const;

export const DEMO_ISSUER_FIRST_SEQUENCE = 9_000_001;

/** PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * The demo issuer's Ed25519 key, derived from this installation's AUTH_KEY_SECRET (so it is stable across restarts
 * and differs between machines). Never used in production: D-Sure trusts it only outside production.
 */
export function demoIssuerPrivateKeyPem(authKeySecret: string): string {
  const seed = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(authKeySecret, "base64"), Buffer.alloc(0), "demo-issuer/higashi-nihon/ed25519/v1", 32));
  const key = crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  return key.export({ format: "pem", type: "pkcs8" }).toString();
}

/**
 * The salt that seals the demo certificate's key (sealKey), derived like its signing key: the seed sends the same KEY
 * entry every time it runs, so D-Sure takes it as one already held rather than a fork.
 */
export function demoIssuerKeySalt(authKeySecret: string, contractNumber: string): string {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(authKeySecret, "base64"), Buffer.alloc(0), `demo-issuer/higashi-nihon/key-salt/${contractNumber}`, 32)).toString("base64url");
}
