import { acceptRegistrationRequest } from "@/lib/dsure/accept-registration-request";
import { badJsonResponse, jsonResponse, payloadTooLargeResponse, unsupportedMediaTypeResponse, withApiHeaders } from "@/lib/dsure/lookup-response";
import { isDatabaseUnreachableError, markDatabaseDown } from "@/lib/db-health";
import { unavailableJson } from "@/lib/http/unavailable";
import { readBodyText } from "@/lib/http/read-body-text";

export const dynamic = "force-dynamic";

/** A hundred entries of a few kilobytes each. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * POST /api/dsure/v1/registrations — D-Sure's registration interface over HTTP, for an issuer whose app runs apart
 * from D-Sure: a signed request carrying chain entries (lib/dsure/registration-request.ts). Authenticated by the
 * request's own signature with a key from D-Sure's configuration; no session, no cookie.
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
    const result = await acceptRegistrationRequest({ body });
    if (!result.ok) {
      return jsonResponse(result.status, { error: result.error, message: result.message, ...(result.details ? { details: result.details } : {}) });
    }
    return jsonResponse(200, { entries: result.entries });
  } catch (e) {
    if (!isDatabaseUnreachableError(e)) throw e;
    markDatabaseDown(e);
    return withApiHeaders(unavailableJson());
  }
}
