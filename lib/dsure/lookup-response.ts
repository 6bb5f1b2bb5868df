import "server-only";
import { minutesUntil } from "@/lib/rate-limit/minutes-until";
import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import type { CertificateVersionView, CertificateView } from "@/lib/certificate/to-certificate-view";
import type { LookupResult } from "./lookup-certificate";
import { HARDENING_HEADERS } from "@/lib/http/hardening-headers";
import { CHAIN_PROBLEM_MESSAGES, DSURE_MESSAGES } from "./messages";

/**
 * HTTP answers of the D-Sure JSON API (POST /api/dsure/v1/lookup), kept apart from the route so they can be tested
 * without a server. Every body is JSON and nothing is cached; the 404 body is one constant, byte for byte.
 *
 * Every answer of the API: never cached, and the hardening proxy.ts gives pages, fixed, for a JSON answer (the look-up
 * skips the proxy, see its matcher: it needs no per-request nonce, and the proxy cost about a third of a bare
 * handler's throughput). Set here, in one object, rather than afterwards one by one: this is the hot path.
 */
const API_HEADERS: Record<string, string> = {
  "Cache-Control": "no-store",
  "Content-Type": "application/json; charset=utf-8",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  ...HARDENING_HEADERS,
};

/** The API's headers on an answer made elsewhere (e.g. the shared 503). */
export function withApiHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(API_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

export const NOT_FOUND_BODY = JSON.stringify({ error: "not_found", message: DSURE_MESSAGES.notFound });

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { ...API_HEADERS, ...headers } });
}

export function payloadTooLargeResponse(): Response {
  return jsonResponse(413, { error: "payload_too_large", message: "リクエストが大きすぎます" });
}

export function unsupportedMediaTypeResponse(): Response {
  return jsonResponse(415, { error: "unsupported_media_type", message: "Content-Type: application/json で送信してください" });
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

/** The certificate's own fields as the API returns them (everything before its 版). */
function certificateHeadJson(view: CertificateView) {
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
    issuer: view.issuer ?? null,
  };
}

/** The certificate as the API returns it (also documented in the OpenAPI document). */
export function certificateJson(view: CertificateView, checkedAt: Date) {
  return {
    ...certificateHeadJson(view),
    certificate: versionJson(view.current),
    versions: view.versions.map(versionJson),
    checkedAt: checkedAt.toISOString(),
  };
}

/** Each 版's JSON text, once per list of verified 版 (the look-up shares those lists while the stored 版 are unchanged). */
const versionTexts = new WeakMap<readonly CertificateVersionView[], { list: string; each: Map<CertificateVersionView, string> }>();

function versionTextsOf(versions: readonly CertificateVersionView[]) {
  let texts = versionTexts.get(versions);
  if (!texts) {
    const each = new Map(versions.map((v) => [v, JSON.stringify(versionJson(v))] as const));
    texts = { list: `[${[...each.values()].join(",")}]`, each };
    versionTexts.set(versions, texts);
  }
  return texts;
}

/**
 * JSON.stringify(certificateJson(view, checkedAt)), byte for byte, without serialising the 版 again on every
 * look-up: the contract's own fields are written afresh, the 版 come from versionTextsOf.
 */
export function certificateJsonText(view: CertificateView, checkedAt: Date): string {
  const texts = versionTextsOf(view.versions);
  const current = texts.each.get(view.current) ?? JSON.stringify(versionJson(view.current));
  return `${JSON.stringify(certificateHeadJson(view)).slice(0, -1)},"certificate":${current},"versions":${texts.list},"checkedAt":${JSON.stringify(checkedAt.toISOString())}}`;
}

/** A certificate whose chain fails its check: nothing of it, only that and why (which entry, what failed). */
export function tamperedJson(result: Extract<LookupResult, { reason: "TAMPERED" }>, checkedAt: Date) {
  return {
    contractNumber: result.contractNumber,
    status: "TAMPERED",
    statusLabel: DISPLAY_STATUS_LABELS.TAMPERED,
    integrity: {
      verified: false,
      message: DSURE_MESSAGES.tampered,
      reason: result.problem.toLowerCase(),
      reasonLabel: CHAIN_PROBLEM_MESSAGES[result.problem],
      seq: result.seq,
    },
    checkedAt: checkedAt.toISOString(),
  };
}

export function lookupResponse(result: LookupResult, now = new Date()): Response {
  if (result.ok) return jsonResponse(200, certificateJsonText(result.view, now));
  switch (result.reason) {
    case "NOT_FOUND":
      return jsonResponse(404, NOT_FOUND_BODY);
    case "TAMPERED":
      return jsonResponse(200, tamperedJson(result, now));
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
