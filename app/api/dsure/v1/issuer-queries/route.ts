import { answerIssuerQuery } from "@/lib/dsure/answer-issuer-query";
import { badJsonResponse, jsonResponse, payloadTooLargeResponse, unsupportedMediaTypeResponse, withApiHeaders } from "@/lib/dsure/lookup-response";
import { isDatabaseUnreachableError, markDatabaseDown } from "@/lib/db-health";
import { unavailableJson } from "@/lib/http/unavailable";
import { readBodyText } from "@/lib/http/read-body-text";

export const dynamic = "force-dynamic";

/** Five hundred numbers and a signature. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * POST /api/dsure/v1/issuer-queries — an issuer asks about its own certificates (発注者の閲覧, 照会の警告): a request
 * signed like a registration (lib/dsure/issuer-query.ts), authenticated by its signature with a key from D-Sure's
 * configuration; no session, no cookie. Numbers of other issuers are left out of the answer.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    if (request.headers.get("content-type")?.split(";")[0]!.trim().toLowerCase() !== "application/json") return unsupportedMediaTypeResponse();
    if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return payloadTooLargeResponse();
    let body: unknown;
    try {
      const text = await readBodyText(request, MAX_BODY_BYTES);
      if (text === null) return payloadTooLargeResponse();
      body = JSON.parse(text);
    } catch {
      return badJsonResponse();
    }
    const result = await answerIssuerQuery({ body });
    if (!result.ok) {
      return jsonResponse(result.status, { error: result.error, message: result.message, ...(result.details ? { details: result.details } : {}) });
    }
    return jsonResponse(200, result.answer);
  } catch (e) {
    if (!isDatabaseUnreachableError(e)) throw e;
    markDatabaseDown(e);
    return withApiHeaders(unavailableJson());
  }
}
