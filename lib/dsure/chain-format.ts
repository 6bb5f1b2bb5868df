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
export const ZKeyDataSchema = z.object({
  /** HMAC-SHA-256 of the key bound to its certificate (keyVerifierOf): useless offline without the issuer's secret. */
  keyVerifier: z.string().regex(/^[0-9a-f]{64}$/),
  reissue: z.boolean(),
});
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

export type SignedChainEntry = ChainEntryBody & { keyId: string; signature: string };

/** The bytes signed and hashed. Throws for anything that is not plain JSON. */
export function chainEntryBytes(body: ChainEntryBody): Buffer {
  const { format, issuer, contractNumber, seq, kind, at, prev, data } = body;
  return Buffer.from(canonicalizeJson({ format, issuer, contractNumber, seq, kind, at, prev, data }), "utf8");
}

export function chainEntryHash(body: ChainEntryBody): string {
  return crypto.createHash("sha256").update(chainEntryBytes(body)).digest("hex");
}

/**
 * A 認証キー's verifier as a KEY entry carries it: HMAC-SHA-256 under the issuer's secret of the key bound to its
 * certificate, hex. Without the secret nothing about the key can be tried offline; bound to the number, a verifier
 * copied to another certificate opens nothing there.
 */
export function keyVerifierOf({ key, contractNumber, hmacKey }: { key: string; contractNumber: string; hmacKey: Uint8Array }): string {
  if (hmacKey.length < 32) throw new RangeError("auth key HMAC key must be at least 32 bytes");
  return crypto.createHmac("sha256", hmacKey).update(`dsure-key/1\n${contractNumber}\n${key}`, "utf8").digest("hex");
}
