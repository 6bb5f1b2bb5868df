import crypto from "node:crypto";
import { z } from "zod";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";
import { CHAIN_ENTRY_FORMAT, ZKeyOpeningSchema, type SignedChainEntry } from "./chain-format";

/**
 * A registration request (POST /api/dsure/v1/registrations): chain entries, sent by their issuer, signed as a whole
 * with a timestamp and a nonce so that D-Sure can refuse a replay, a stale request and a stranger's. The signature is
 * Ed25519 over the RFC 8785 canonical JSON of `payload`, base64url. Part of the registration interface.
 */
export const REGISTRATION_REQUEST_FORMAT = "dsure-registration/1";

/** How far a request's timestamp may be from D-Sure's clock, either way. */
export const REGISTRATION_MAX_SKEW_MS = 5 * 60_000;

const ZSignedEntrySchema = z.object({
  format: z.literal(CHAIN_ENTRY_FORMAT),
  issuer: z.string().min(1).max(64),
  contractNumber: z.string().regex(/^\d{4}-\d{7}-\d$/),
  seq: z.number().int().min(1),
  kind: z.enum(["VERSION", "CANCEL", "KEY"]),
  at: z.iso.datetime(),
  prev: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  data: z.unknown(),
  keyId: z.string().min(1).max(64),
  signature: z.string().min(1).max(200),
  /** A sealed KEY entry's opening (chain-format.ts), outside the entry's signed body; checked against its commitment. */
  opening: ZKeyOpeningSchema.nullish(),
});

export const ZRegistrationRequestSchema = z.object({
  payload: z.object({
    format: z.literal(REGISTRATION_REQUEST_FORMAT),
    issuer: z.string().min(1).max(64),
    keyId: z.string().min(1).max(64),
    timestamp: z.iso.datetime(),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, "must be 22–64 base64url characters (16 random bytes or more)"),
    entries: z.array(ZSignedEntrySchema).min(1).max(100),
  }),
  signature: z.string().min(1).max(200),
});
export type TRegistrationRequest = z.infer<typeof ZRegistrationRequestSchema>;

/** The issuer's side: a signed request carrying `entries` (what a remote registration sends). */
export function signRegistrationRequest({
  issuer,
  privateKeyPem,
  keyId,
  entries,
  now = new Date(),
  nonce = crypto.randomBytes(16).toString("base64url"),
}: {
  issuer: string;
  privateKeyPem: string;
  keyId: string;
  entries: SignedChainEntry[];
  now?: Date;
  nonce?: string;
}): TRegistrationRequest {
  const payload = { format: REGISTRATION_REQUEST_FORMAT, issuer, keyId, timestamp: now.toISOString(), nonce, entries } as const;
  const signature = crypto.sign(null, Buffer.from(canonicalizeJson(payload as unknown as JsonValue), "utf8"), crypto.createPrivateKey(privateKeyPem));
  return { payload: payload as TRegistrationRequest["payload"], signature: signature.toString("base64url") };
}
