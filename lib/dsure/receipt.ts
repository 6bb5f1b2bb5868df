import crypto from "node:crypto";
import { z } from "zod";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";
import { keyIdOf, parsePublicKeyPem, verifyEd25519 } from "@/lib/certificate/signature";

/**
 * D-Sure's receipt for one chain entry it holds (docs/decisions/012-receipts-and-verification.md): which entry
 * (issuer, 保証契約番号, seq, its hash), the chain's length and head hash once that entry is in it, and when D-Sure said
 * so. Signed by D-Sure's own key (DSURE_SIGNING_PRIVATE_KEY), Ed25519 over the RFC 8785 canonical JSON of `receipt`,
 * base64url. The surety keeps every receipt: a D-Sure that later serves a shorter chain, or another entry at a place it
 * gave a receipt for, is caught by the surety's 照合 and proven by D-Sure's own signature. Part of the registration
 * interface.
 */
export const RECEIPT_FORMAT = "dsure-receipt/1";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ZReceiptSchema = z.object({
  format: z.literal(RECEIPT_FORMAT),
  issuer: z.string().min(1).max(64),
  contractNumber: z.string().regex(/^\d{4}-\d{7}-\d$/),
  seq: z.number().int().min(1),
  entryHash: hex64,
  /** The chain's length with this entry in it (= seq). */
  length: z.number().int().min(1),
  /** The chain's head hash with this entry in it (= entryHash). */
  head: hex64,
  /** When D-Sure gave the receipt (ISO instant, milliseconds, UTC). */
  at: z.iso.datetime(),
});
export type TReceipt = z.infer<typeof ZReceiptSchema>;

export const ZSignedReceiptSchema = z.object({
  receipt: ZReceiptSchema,
  /** keyIdOf D-Sure's public key. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().min(1).max(200),
});
export type TSignedReceipt = z.infer<typeof ZSignedReceiptSchema>;

const receiptBytes = (receipt: TReceipt) => Buffer.from(canonicalizeJson(receipt as unknown as JsonValue), "utf8");

/** D-Sure's side: the receipt for an entry now in a chain of `length` entries with head `head`. */
export function signReceipt({ receipt, privateKeyPem }: { receipt: Omit<TReceipt, "format">; privateKeyPem: string }): TSignedReceipt {
  const privateKey = crypto.createPrivateKey(privateKeyPem);
  const body: TReceipt = { format: RECEIPT_FORMAT, ...receipt };
  return {
    receipt: body,
    keyId: keyIdOf(crypto.createPublicKey(privateKey)),
    signature: crypto.sign(null, receiptBytes(body), privateKey).toString("base64url"),
  };
}

export type ReceiptProblem = "MALFORMED" | "UNKNOWN_KEY" | "SIGNATURE" | "MISMATCH";

/**
 * The surety's (or any verifier's) check of a receipt: its form, that it is signed by `publicKeyPem` (D-Sure's key as
 * pinned by the one who checks), and, where `expected` is given, that it speaks of that entry with that hash at that
 * place (length = seq, head = the entry's hash). Never throws.
 */
export function checkReceipt({
  signed,
  publicKeyPem,
  expected,
}: {
  signed: unknown;
  publicKeyPem: string;
  expected?: { issuer: string; contractNumber: string; seq: number; entryHash: string };
}): { ok: true; receipt: TSignedReceipt } | { ok: false; problem: ReceiptProblem } {
  const parsed = ZSignedReceiptSchema.safeParse(signed);
  if (!parsed.success) return { ok: false, problem: "MALFORMED" };
  const key = parsePublicKeyPem(publicKeyPem);
  if (!key.key || key.keyId !== parsed.data.keyId) return { ok: false, problem: "UNKNOWN_KEY" };
  if (!verifyEd25519(receiptBytes(parsed.data.receipt), key, parsed.data.signature)) return { ok: false, problem: "SIGNATURE" };
  const r = parsed.data.receipt;
  if (r.length !== r.seq || r.head !== r.entryHash) return { ok: false, problem: "MISMATCH" };
  if (expected && (r.issuer !== expected.issuer || r.contractNumber !== expected.contractNumber || r.seq !== expected.seq || r.entryHash !== expected.entryHash)) {
    return { ok: false, problem: "MISMATCH" };
  }
  return { ok: true, receipt: parsed.data };
}
