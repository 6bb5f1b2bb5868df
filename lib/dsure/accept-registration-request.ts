import "server-only";
import { dsureDb, type DsureDb } from "./db";
import { isDomainError } from "@/lib/errors";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";
import { verifyEd25519 } from "@/lib/certificate/signature";
import type { SignedChainEntry } from "./chain-format";
import { dsureIssuers, issuerKeyAt } from "./issuers";
import { registerChainEntries, type RegisteredEntry } from "./register-chain-entries";
import { REGISTRATION_MAX_SKEW_MS, ZRegistrationRequestSchema } from "./registration-request";

export type RegistrationRefusal = {
  ok: false;
  status: 400 | 401 | 403 | 409;
  error:
    | "invalid_request"
    | "unknown_key"
    | "key_not_valid"
    | "bad_signature"
    | "stale_timestamp"
    | "wrong_issuer"
    | "replayed"
    | "entry_refused";
  message: string;
  details?: Record<string, unknown>;
};

export type RegistrationResult = { ok: true; entries: RegisteredEntry[] } | RegistrationRefusal;

const refuse = (status: RegistrationRefusal["status"], error: RegistrationRefusal["error"], message: string, details?: Record<string, unknown>): RegistrationRefusal => ({
  ok: false,
  status,
  error,
  message,
  ...(details ? { details } : {}),
});

/**
 * D-Sure's door for a remote issuer: checks a registration request before anything is stored — its form, that its
 * key is a configured key of the issuer valid at its timestamp, its signature over the canonical payload, that the
 * timestamp is within REGISTRATION_MAX_SKEW_MS of now, and that every entry is the issuer's own — then, in one
 * transaction, records the nonce (a nonce seen before is a replay) and registers the entries idempotently
 * (registerChainEntries). A refused request leaves nothing behind, its nonce included.
 */
export async function acceptRegistrationRequest({
  body,
  db = dsureDb,
  now = new Date(),
}: {
  body: unknown;
  db?: DsureDb;
  now?: Date;
}): Promise<RegistrationResult> {
  const parsed = ZRegistrationRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    return refuse(400, "invalid_request", "登録要求の形式が正しくありません", { issues });
  }
  const { payload, signature } = parsed.data;
  const signedAt = new Date(payload.timestamp);

  const key = issuerKeyAt(dsureIssuers(), { issuerCode: payload.issuer, keyId: payload.keyId, at: signedAt });
  if (!key.ok) {
    return key.problem === "UNKNOWN_KEY"
      ? refuse(401, "unknown_key", "登録されていない発行者または鍵で署名されています", { issuer: payload.issuer, keyId: payload.keyId })
      : refuse(401, "key_not_valid", "署名の時刻に有効でない鍵で署名されています", { issuer: payload.issuer, keyId: payload.keyId });
  }
  let message: Buffer;
  try {
    message = Buffer.from(canonicalizeJson(payload as unknown as JsonValue), "utf8");
  } catch {
    return refuse(400, "invalid_request", "登録要求の形式が正しくありません");
  }
  if (!verifyEd25519(message, key.key.parsed, signature)) return refuse(401, "bad_signature", "登録要求の署名が正しくありません");
  if (Math.abs(now.getTime() - signedAt.getTime()) > REGISTRATION_MAX_SKEW_MS) {
    return refuse(401, "stale_timestamp", "登録要求の時刻が古いか、未来の時刻です", { timestamp: payload.timestamp, now: now.toISOString() });
  }
  const foreign = payload.entries.find((e) => e.issuer !== payload.issuer);
  if (foreign) return refuse(403, "wrong_issuer", "他の発行者の記録は登録できません", { contractNumber: foreign.contractNumber, seq: foreign.seq });

  class Refused extends Error {
    constructor(readonly refusal: RegistrationRefusal) {
      super(refusal.error);
    }
  }
  try {
    const entries = await db.$transaction(async (tx) => {
      const fresh = await tx.$executeRaw`
        INSERT INTO "dsure"."DsureRegistrationNonce" ("issuerCode", "nonce", "signedAt") VALUES (${payload.issuer}, ${payload.nonce}, ${signedAt})
        ON CONFLICT DO NOTHING`;
      if (fresh === 0) throw new Refused(refuse(409, "replayed", "同じ登録要求がすでに受け付けられています（再送）", { nonce: payload.nonce }));
      try {
        return await registerChainEntries(tx, { entries: payload.entries as SignedChainEntry[] });
      } catch (e) {
        if (!isDomainError(e, "CONFLICT")) throw e;
        throw new Refused(refuse(409, "entry_refused", "記録を登録できません", e.details));
      }
    });
    return { ok: true, entries };
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    throw e;
  }
}
