import "server-only";
import { badJsonResponse, jsonResponse, payloadTooLargeResponse, unsupportedMediaTypeResponse, withApiHeaders } from "./lookup-response";
import type { IssuerRequestRefusal } from "./check-issuer-signature";
import { isDatabaseUnreachableError, markDatabaseDown } from "@/lib/db-health";
import { unavailableJson } from "@/lib/http/unavailable";
import { readBodyText } from "@/lib/http/read-body-text";

/**
 * The HTTP side of a request an issuer signs (registrations, queries): a JSON body of at most `maxBytes`, handed to
 * `handle`; a refusal is answered with its status, reason and details, an answer with 200; a database that cannot be
 * reached with D-Sure's 503. No session, no cookie: the request's own signature is its authentication.
 */
export async function answerIssuerRequest<T>(
  request: Request,
  { maxBytes, handle }: { maxBytes: number; handle: (body: unknown) => Promise<{ ok: true; answer: T } | IssuerRequestRefusal> },
): Promise<Response> {
  try {
    if (request.headers.get("content-type")?.split(";")[0]!.trim().toLowerCase() !== "application/json") return unsupportedMediaTypeResponse();
    if (Number(request.headers.get("content-length") ?? "0") > maxBytes) return payloadTooLargeResponse();
    let body: unknown;
    try {
      const text = await readBodyText(request, maxBytes);
      if (text === null) return payloadTooLargeResponse();
      body = JSON.parse(text);
    } catch {
      return badJsonResponse();
    }
    const result = await handle(body);
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
