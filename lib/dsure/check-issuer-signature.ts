import "server-only";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";
import { verifyEd25519 } from "@/lib/certificate/signature";
import { dsureIssuers, issuerKeyAt } from "./issuers";
import { REGISTRATION_MAX_SKEW_MS } from "./registration-request";

export type IssuerRequestRefusal = {
  ok: false;
  status: 400 | 401 | 403 | 409;
  error: "invalid_request" | "unknown_key" | "key_not_valid" | "bad_signature" | "stale_timestamp" | "wrong_issuer" | "replayed" | "entry_refused";
  message: string;
  details?: Record<string, unknown>;
};

export const refuseIssuerRequest = (
  status: IssuerRequestRefusal["status"],
  error: IssuerRequestRefusal["error"],
  message: string,
  details?: Record<string, unknown>,
): IssuerRequestRefusal => ({ ok: false, status, error, message, ...(details ? { details } : {}) });

/**
 * What every request an issuer signs must pass at D-Sure (registrations, queries): its key is a configured key of the
 * issuer valid at the request's timestamp, its Ed25519 signature over the RFC 8785 canonical JSON of `payload` holds,
 * and the timestamp is within REGISTRATION_MAX_SKEW_MS of D-Sure's clock. D-Sure trusts no key but its configuration's.
 */
export function checkIssuerSignature({
  payload,
  signature,
  now,
  what,
}: {
  payload: { issuer: string; keyId: string; timestamp: string };
  signature: string;
  now: Date;
  /** The request's name in the refusal's message: 登録要求, 照会要求. */
  what: string;
}): { ok: true } | IssuerRequestRefusal {
  const signedAt = new Date(payload.timestamp);
  const key = issuerKeyAt(dsureIssuers(), { issuerCode: payload.issuer, keyId: payload.keyId, at: signedAt });
  if (!key.ok) {
    return key.problem === "UNKNOWN_KEY"
      ? refuseIssuerRequest(401, "unknown_key", "登録されていない発行者または鍵で署名されています", { issuer: payload.issuer, keyId: payload.keyId })
      : refuseIssuerRequest(401, "key_not_valid", "署名の時刻に有効でない鍵で署名されています", { issuer: payload.issuer, keyId: payload.keyId });
  }
  let message: Buffer;
  try {
    message = Buffer.from(canonicalizeJson(payload as unknown as JsonValue), "utf8");
  } catch {
    return refuseIssuerRequest(400, "invalid_request", `${what}の形式が正しくありません`);
  }
  if (!verifyEd25519(message, key.key.parsed, signature)) return refuseIssuerRequest(401, "bad_signature", `${what}の署名が正しくありません`);
  if (Math.abs(now.getTime() - signedAt.getTime()) > REGISTRATION_MAX_SKEW_MS) {
    return refuseIssuerRequest(401, "stale_timestamp", `${what}の時刻が古いか、未来の時刻です`, { timestamp: payload.timestamp, now: now.toISOString() });
  }
  return { ok: true };
}
