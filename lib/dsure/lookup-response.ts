import "server-only";
import { minutesUntil } from "@/lib/rate-limit/throttle";
import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import type { CertificateVersionView, CertificateView } from "@/lib/certificate/to-certificate-view";
import type { LookupResult } from "./lookup-certificate";
import { DSURE_MESSAGES } from "./messages";

/**
 * HTTP answers of the D-Sure JSON API (POST /api/dsure/v1/lookup), kept apart from the route so they can be tested
 * without a server. Every body is JSON and nothing is cached; the 404 body is one constant, byte for byte.
 */
const NO_STORE = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" } as const;

export const NOT_FOUND_BODY = JSON.stringify({ error: "not_found", message: DSURE_MESSAGES.notFound });

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { ...NO_STORE, ...headers } });
}

export function badJsonResponse(): Response {
  return jsonResponse(400, { error: "invalid_json", message: "リクエストの本文がJSONとして読めません" });
}

export function validationResponse(fieldErrors: Record<string, string[] | undefined>): Response {
  return jsonResponse(422, { error: "validation_failed", message: "入力内容に誤りがあります", fieldErrors });
}

function versionJson(v: CertificateVersionView) {
  return {
    version: v.version,
    issuedAt: v.issuedAt,
    changeSummary: v.changeSummary,
    content: v.content,
    contentHash: v.contentHash,
    signature: { algorithm: v.signature.algorithm, keyId: v.signature.keyId, value: v.signature.value },
    integrity: {
      verified: v.integrity.ok,
      signatureValid: v.integrity.signatureValid,
      contentHashValid: v.integrity.contentHashValid,
      keyIdValid: v.integrity.keyIdValid,
    },
  };
}

/** The certificate as the API returns it (also documented in the OpenAPI document). */
export function certificateJson(view: CertificateView, checkedAt: Date) {
  return {
    contractNumber: view.contractNumber,
    guaranteeType: view.guaranteeType,
    guaranteeTypeLabel: GUARANTEE_TYPE_LABELS[view.guaranteeType],
    status: view.displayStatus,
    statusLabel: DISPLAY_STATUS_LABELS[view.displayStatus],
    lifecycleStatus: view.lifecycleStatus,
    periodTo: view.periodTo,
    cancelDate: view.cancelDate,
    integrity: {
      verified: view.integrityOk,
      message: view.integrityOk ? "電子署名を検証しました（改ざんは検出されませんでした）" : DSURE_MESSAGES.tampered,
    },
    currentVersion: view.current.version,
    certificate: versionJson(view.current),
    versions: view.versions.map(versionJson),
    checkedAt: checkedAt.toISOString(),
  };
}

export function lookupResponse(result: LookupResult, now = new Date()): Response {
  if (result.ok) return jsonResponse(200, certificateJson(result.view, now));
  switch (result.reason) {
    case "NOT_FOUND":
      return jsonResponse(404, NOT_FOUND_BODY);
    case "BAD_NUMBER":
      return result.detail === "CHECK_DIGIT"
        ? jsonResponse(422, { error: "invalid_contract_number", message: DSURE_MESSAGES.checkDigit })
        : validationResponse({ contractNumber: [DSURE_MESSAGES.numberFormat] });
    case "BAD_KEY":
      return validationResponse({ authKey: [DSURE_MESSAGES.keyFormat] });
    case "THROTTLED": {
      const seconds = Math.max(1, Math.ceil((result.until.getTime() - now.getTime()) / 1000));
      return jsonResponse(
        429,
        { error: "too_many_attempts", message: DSURE_MESSAGES.throttled(minutesUntil(result.until, now)), retryAfterSeconds: seconds },
        { "Retry-After": String(seconds) },
      );
    }
  }
}
