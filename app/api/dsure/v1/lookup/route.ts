import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { z } from "zod";
import { ZDsureLookupSchema } from "@/lib/dsure/schemas";
import { badJsonResponse, lookupResponse, payloadTooLargeResponse, validationResponse, withApiHeaders } from "@/lib/dsure/lookup-response";
import { clientIpFrom, userAgentFrom } from "@/lib/request";
import { isDatabaseUnreachableError, markDatabaseDown } from "@/lib/db-health";
import { unavailableJson } from "@/lib/http/unavailable";
import { readBodyText } from "@/lib/http/read-body-text";

export const dynamic = "force-dynamic";

/** A look-up is two short strings; anything much larger is not one. */
const MAX_BODY_BYTES = 4096;

/** POST /api/dsure/v1/lookup — the orderer's JSON API (documented at /api/dsure/v1/openapi.json). */
export async function POST(request: Request): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return payloadTooLargeResponse();

  let body: unknown;
  try {
    const text = await readBodyText(request, MAX_BODY_BYTES);
    if (text === null) return payloadTooLargeResponse();
    body = JSON.parse(text);
  } catch {
    return badJsonResponse();
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return badJsonResponse();

  const parsed = ZDsureLookupSchema.safeParse(body);
  if (!parsed.success) return validationResponse(z.flattenError(parsed.error).fieldErrors);

  const now = new Date();
  try {
    const result = await lookupCertificate({
      contractNumber: parsed.data.contractNumber,
      authKey: parsed.data.authKey,
      clientIp: clientIpFrom(request.headers),
      userAgent: userAgentFrom(request.headers),
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
