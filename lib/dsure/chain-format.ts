import crypto from "node:crypto";
import { z } from "zod";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";

/**
 * The chain entry format (docs/decisions/009-dsure-chain.md): what an issuer signs and D-Sure checks. Part of the
 * registration interface: the surety builds entries in this format, D-Sure rebuilds the same body from what it stores.
 *
 * The signed body is the RFC 8785 (JCS) canonical JSON of `ChainEntryBody`, UTF-8; the signature is Ed25519 over those
 * bytes; an entry's hash (the next entry's `prev`) is the SHA-256 of the same bytes, hex.
 */
export const CHAIN_ENTRY_FORMAT = "dsure-chain-entry/1";

export type ChainEntryKind = "VERSION" | "CANCEL" | "KEY";

export const ZVersionDataSchema = z.object({
  version: z.number().int().min(1),
  content: z.record(z.string(), z.unknown()),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The 版's own signature (Ed25519 over the canonical JSON of `content`), as printed and checked anywhere. */
  signature: z.object({ keyId: z.string(), value: z.string() }),
  changeSummary: z.string().nullable(),
});
export const ZCancelDataSchema = z.object({
  cancelDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  reason: z.string(),
});
export const ZKeyDataSchema = z.union([
  z.strictObject({
    /**
     * The key's verifier sealed with a salt only D-Sure is given (keyCommitmentOf): what the chain's public form shows
     * of the key (docs/decisions/012). The salt and the verifier (the opening) travel beside the entry, unsigned.
     */
    keyCommitment: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    reissue: z.boolean(),
  }),
  z.strictObject({
    /** Chains from before 012: the verifier itself (keyVerifierOf, `sha256:…`; before that legacyKeyVerifierOf, hex). */
    keyVerifier: z.string().regex(/^(sha256:)?[0-9a-f]{64}$/),
    reissue: z.boolean(),
  }),
]);

/** What opens a KEY entry's commitment: kept by D-Sure beside the entry, never in the chain's public form. */
export const ZKeyOpeningSchema = z.strictObject({
  /** 32 random bytes, base64url. */
  salt: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  keyVerifier: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type KeyOpening = z.infer<typeof ZKeyOpeningSchema>;
export type TVersionData = z.infer<typeof ZVersionDataSchema>;
export type TCancelData = z.infer<typeof ZCancelDataSchema>;
export type TKeyData = z.infer<typeof ZKeyDataSchema>;

export type ChainEntryBody = {
  format: typeof CHAIN_ENTRY_FORMAT;
  issuer: string;
  contractNumber: string;
  /** 1, 2, 3 … with no gap. */
  seq: number;
  kind: ChainEntryKind;
  /** ISO instant with milliseconds, UTC (`2024-12-05T01:30:00.000Z`). */
  at: string;
  /** The previous entry's hash, or null for the first entry. */
  prev: string | null;
  data: JsonValue;
};

/** An entry as the issuer signed it; a KEY entry's opening travels with it, outside the signed body. */
export type SignedChainEntry = ChainEntryBody & { keyId: string; signature: string; opening?: KeyOpening | null };

/** The bytes signed and hashed. Throws for anything that is not plain JSON. */
export function chainEntryBytes(body: ChainEntryBody): Buffer {
  const { format, issuer, contractNumber, seq, kind, at, prev, data } = body;
  return Buffer.from(canonicalizeJson({ format, issuer, contractNumber, seq, kind, at, prev, data }), "utf8");
}

export function chainEntryHash(body: ChainEntryBody): string {
  return crypto.createHash("sha256").update(chainEntryBytes(body)).digest("hex");
}

/**
 * A 認証キー's verifier as a KEY entry carries it (v2): `sha256:` and the SHA-256 of the key bound to its certificate,
 * hex. No secret is needed to make or check it, so D-Sure holds none of the issuer's: the key's 80 random bits are what
 * keeps it from being reversed (2^80 guesses per certificate, each bound to its number, so nothing is precomputed once
 * for all). Bound to the number, a verifier copied to another certificate opens nothing there.
 */
export function keyVerifierOf({ key, contractNumber }: { key: string; contractNumber: string }): string {
  return `sha256:${crypto.createHash("sha256").update(`dsure-key/2\n${contractNumber}\n${key}`, "utf8").digest("hex")}`;
}

/** A verifier sealed with a salt: SHA-256 of `dsure-key-commitment/1\n` ‖ salt ‖ `\n` ‖ verifier, hex, prefixed `sha256:`. */
export function keyCommitmentOf({ salt, keyVerifier }: KeyOpening): string {
  return `sha256:${crypto.createHash("sha256").update(`dsure-key-commitment/1\n${salt}\n${keyVerifier}`, "utf8").digest("hex")}`;
}

/**
 * A KEY entry's data for a 認証キー and its opening: the chain (and whoever reads its public form, such as a verification
 * file) sees only the commitment, which without the 256-bit salt says nothing about the key; D-Sure, given the opening,
 * checks a typed key against the verifier and the verifier against the signed commitment.
 */
export function sealKey({
  key,
  contractNumber,
  reissue,
  salt = crypto.randomBytes(32).toString("base64url"),
}: {
  key: string;
  contractNumber: string;
  reissue: boolean;
  salt?: string;
}): { data: TKeyData; opening: KeyOpening } {
  const opening = { salt, keyVerifier: keyVerifierOf({ key, contractNumber }) };
  return { data: { keyCommitment: keyCommitmentOf(opening), reissue }, opening };
}

/**
 * The verifier of chains registered before v2 (v1): HMAC-SHA-256 under a secret derived from the issuer's
 * AUTH_KEY_SECRET, hex. Still opened by a D-Sure that holds that secret (the one-app layout); the surety re-registers
 * each live key with a v2 verifier (upgradeKeyVerifiers), after which no secret is needed.
 */
export function legacyKeyVerifierOf({ key, contractNumber, hmacKey }: { key: string; contractNumber: string; hmacKey: Uint8Array }): string {
  if (hmacKey.length < 32) throw new RangeError("auth key HMAC key must be at least 32 bytes");
  return crypto.createHmac("sha256", hmacKey).update(`dsure-key/1\n${contractNumber}\n${key}`, "utf8").digest("hex");
}

const VERIFIER = /^(sha256:)?([0-9a-f]{64})$/;

/** Whether two verifiers are the same (same version, same digest), compared in constant time. */
export function keyVerifiersEqual(a: string, b: string): boolean {
  const x = VERIFIER.exec(a);
  const y = VERIFIER.exec(b);
  if (!x || !y || x[1] !== y[1]) return false;
  return crypto.timingSafeEqual(Buffer.from(x[2]!, "hex"), Buffer.from(y[2]!, "hex"));
}

/** Whether a verifier is of the version before v2 (made with the issuer's secret). */
export const isLegacyKeyVerifier = (verifier: string): boolean => /^[0-9a-f]{64}$/.test(verifier);
