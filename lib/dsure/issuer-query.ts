import crypto from "node:crypto";
import { z } from "zod";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";
import type { TSignedReceipt } from "./receipt";

/**
 * A question an issuer asks D-Sure about its own certificates (POST /api/dsure/v1/issuer-queries), signed like a
 * registration request (Ed25519 over the canonical JSON of `payload`, a timestamp within REGISTRATION_MAX_SKEW_MS):
 * - `views`: when each of the given certificates was first and last opened on D-Sure (発注者の閲覧);
 * - `alarms`: D-Sure's alarms on the issuer's numbers (照会の警告);
 * - `chains`: what D-Sure serves now for each of the given certificates — every entry's hash, the chain's own check,
 *   and a signed receipt for its head (the issuer's 照合 compares them with its own record and receipts).
 * D-Sure answers about the issuer's own certificates only. Part of the registration interface.
 */
export const ISSUER_QUERY_FORMAT = "dsure-issuer-query/1";

const contractNumber = z.string().regex(/^\d{4}-\d{7}-\d$/);

export const ZIssuerQuerySchema = z.object({
  payload: z.object({
    format: z.literal(ISSUER_QUERY_FORMAT),
    issuer: z.string().min(1).max(64),
    keyId: z.string().min(1).max(64),
    timestamp: z.iso.datetime(),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, "must be 22–64 base64url characters (16 random bytes or more)"),
    query: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("views"), contractNumbers: z.array(contractNumber).min(1).max(500) }),
      z.object({ kind: z.literal("alarms"), take: z.number().int().min(1).max(100) }),
      z.object({ kind: z.literal("chains"), contractNumbers: z.array(contractNumber).min(1).max(500) }),
    ]),
  }),
  signature: z.string().min(1).max(200),
});
export type TIssuerQuery = z.infer<typeof ZIssuerQuerySchema>;
export type TIssuerQueryBody = TIssuerQuery["payload"]["query"];

/** 発注者の閲覧 of one certificate: null times when it has not been opened. */
export type ViewReceiptAnswer = { contractNumber: string; firstViewedAt: string | null; lastViewedAt: string | null };
export type AlarmAnswer = {
  id: string;
  contractNumber: string;
  since: string;
  lastFailureAt: string;
  failures: number;
  addresses: number;
  raisedAt: string;
  active: boolean;
};
/** A certificate's chain as D-Sure holds it now (only numbers D-Sure holds a chain of are answered). */
export type ChainAnswer = {
  contractNumber: string;
  length: number;
  /** Each entry's hash (SHA-256 of its signed body, rebuilt from what D-Sure stores), seq 1 first; null where unreadable. */
  hashes: (string | null)[];
  /** D-Sure's own check of the chain (verifyChain): null when it holds, else the problem and the first failing entry. */
  problem: { problem: string; seq: number } | null;
  /** D-Sure's signed receipt for the chain's newest entry, as it stands now. */
  headReceipt: TSignedReceipt | null;
};

export type IssuerQueryAnswer =
  | { kind: "views"; receipts: ViewReceiptAnswer[] }
  /** `addresses`: how many addresses make an alarm (for the explanation on the staff's screen). */
  | { kind: "alarms"; alarms: AlarmAnswer[]; threshold: { addresses: number; windowMinutes: number } }
  | { kind: "chains"; chains: ChainAnswer[] };

/** The issuer's side: a signed query. */
export function signIssuerQuery({
  issuer,
  privateKeyPem,
  keyId,
  query,
  now = new Date(),
  nonce = crypto.randomBytes(16).toString("base64url"),
}: {
  issuer: string;
  privateKeyPem: string;
  keyId: string;
  query: TIssuerQueryBody;
  now?: Date;
  nonce?: string;
}): TIssuerQuery {
  const payload = { format: ISSUER_QUERY_FORMAT, issuer, keyId, timestamp: now.toISOString(), nonce, query } as const;
  const signature = crypto.sign(null, Buffer.from(canonicalizeJson(payload as unknown as JsonValue), "utf8"), crypto.createPrivateKey(privateKeyPem));
  return { payload: payload as TIssuerQuery["payload"], signature: signature.toString("base64url") };
}
