import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { z } from "zod";
import { ZDsureLookupSchema } from "@/lib/dsure/schemas";
import {
  badJsonResponse,
  lookupResponse,
  payloadTooLargeResponse,
  unsupportedMediaTypeResponse,
  validationResponse,
  withApiHeaders,
} from "@/lib/dsure/lookup-response";
import { recordBadFormat } from "@/lib/dsure/record-bad-format";
import { clientIpFrom, userAgentFrom } from "@/lib/request";
import { isDatabaseUnreachableError, markDatabaseDown } from "@/lib/db-health";
import { unavailableJson } from "@/lib/http/unavailable";
import { readBodyText } from "@/lib/http/read-body-text";
import { hostsRole } from "@/lib/app-roles";

export const dynamic = "force-dynamic";

const dsureHosted = hostsRole("dsure");

/** A look-up is two short strings; anything much larger is not one. */
const MAX_BODY_BYTES = 4096;

/** `application/json`, with or without parameters (`; charset=utf-8`). */
const isJson = (contentType: string | null) => contentType?.split(";")[0]!.trim().toLowerCase() === "application/json";

/**
 * POST /api/dsure/v1/lookup — the orderer's JSON API (documented at /api/dsure/v1/openapi.json). A request that
 * cannot be a look-up (not JSON, too large, unreadable, fields missing) is answered as such and counted against the
 * client's limit (recordBadFormat), like a malformed number.
 */
export async function POST(request: Request): Promise<Response> {
  // The proxy does not see this route (its matcher skips it for speed): it checks APP_ROLES itself.
  if (!dsureHosted) return withApiHeaders(Response.json({ error: "not_found", message: "見つかりません" }, { status: 404 }));
  const clientIp = clientIpFrom(request.headers);
  const userAgent = userAgentFrom(request.headers);
  const refuse = async (response: Response) => {
    await recordBadFormat({ clientIp, userAgent, channel: "API" });
    return response;
  };
  try {
    if (!isJson(request.headers.get("content-type"))) return await refuse(unsupportedMediaTypeResponse());
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) return await refuse(payloadTooLargeResponse());

    let body: unknown;
    try {
      const text = await readBodyText(request, MAX_BODY_BYTES);
      if (text === null) return await refuse(payloadTooLargeResponse());
      body = JSON.parse(text);
    } catch {
      return await refuse(badJsonResponse());
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) return await refuse(badJsonResponse());

    const parsed = ZDsureLookupSchema.safeParse(body);
    if (!parsed.success) return await refuse(validationResponse(z.flattenError(parsed.error).fieldErrors));

    const now = new Date();
    const result = await lookupCertificate({
      contractNumber: parsed.data.contractNumber,
      authKey: parsed.data.authKey,
      clientIp,
      userAgent,
      channel: "API",
      now,
    });
    return lookupResponse(result, now);
  } catch (e) {
    if (!isDatabaseUnreachableError(e)) throw e;
    markDatabaseDown(e);
    return withApiHeaders(unavailableJson());
  }
}
