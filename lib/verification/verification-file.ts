/**
 * The verification file (検証用ファイル) an orderer downloads from D-Sure with the certificate they viewed
 * (docs/decisions/012-receipts-and-verification.md): the certificate's chain in its public form, the issuer, and
 * D-Sure's signed receipt for the chain's head at the moment of viewing. It holds no 認証キー and nothing to guess one
 * offline: a KEY entry shows only the key's salted commitment, and an entry from before the seal (a bare verifier) only
 * its hash. Plain data, no Node.js or browser API: read by the browser verifier (/dsure/verify) and `npm run verify`.
 */
export const VERIFICATION_FILE_FORMAT = "dsure-verification/1";

/** An entry as signed by its issuer (chain-format.ts): the signed body's fields, its key id and signature. */
export type PublicChainEntry = {
  issuer: string;
  contractNumber: string;
  seq: number;
  kind: "VERSION" | "CANCEL" | "KEY";
  at: string;
  prev: string | null;
  data: unknown;
  keyId: string;
  signature: string;
};

/** An entry from before the seal whose body would show the key's bare verifier: only its place and hash. */
export type WithheldChainEntry = { issuer: string; contractNumber: string; seq: number; kind: "KEY"; at: string; withheld: true; hash: string };

export type SignedReceiptJson = {
  receipt: { format: string; issuer: string; contractNumber: string; seq: number; entryHash: string; length: number; head: string; at: string };
  keyId: string;
  signature: string;
};

export type VerificationFile = {
  format: typeof VERIFICATION_FILE_FORMAT;
  contractNumber: string;
  issuer: { code: string; name: string };
  /** When the orderer viewed the certificate on D-Sure (ISO instant). */
  viewedAt: string;
  entries: (PublicChainEntry | WithheldChainEntry)[];
  /** D-Sure's receipt for the chain's newest entry, signed when the file was made. */
  receipt: SignedReceiptJson;
  /** Who runs D-Sure and which of its keys signed the receipt. */
  registry: { name: string; keyId: string };
};

/** A public key as D-Sure publishes it (GET /api/dsure/v1/public-keys) or as given to `npm run verify`. */
export type TrustedKey = { keyId?: string; publicKeyPem: string; validFrom?: string | null; validTo?: string | null };

/** The keys a verification is made against: never the file's own. */
export type TrustedKeys = {
  issuers: { code: string; name?: string; keys: TrustedKey[] }[];
  /** D-Sure's own keys (its receipts). */
  registry: TrustedKey[];
};

/** The answer of GET /api/dsure/v1/public-keys as TrustedKeys. */
export function trustedKeysFromPublicKeysJson(json: unknown): TrustedKeys {
  const body = (json ?? {}) as {
    keys?: { issuer?: string; issuerName?: string; keyId?: string; publicKeyPem?: string; validFrom?: string | null; validTo?: string | null }[];
    registry?: { keyId?: string; publicKeyPem?: string } | null;
  };
  const issuers = new Map<string, { code: string; name?: string; keys: TrustedKey[] }>();
  for (const k of Array.isArray(body.keys) ? body.keys : []) {
    if (typeof k?.issuer !== "string" || typeof k.publicKeyPem !== "string") continue;
    const issuer = issuers.get(k.issuer) ?? { code: k.issuer, name: k.issuerName, keys: [] };
    issuer.keys.push({ keyId: k.keyId, publicKeyPem: k.publicKeyPem, validFrom: k.validFrom ?? null, validTo: k.validTo ?? null });
    issuers.set(k.issuer, issuer);
  }
  const registry = body.registry && typeof body.registry.publicKeyPem === "string" ? [{ keyId: body.registry.keyId, publicKeyPem: body.registry.publicKeyPem }] : [];
  return { issuers: [...issuers.values()], registry };
}
