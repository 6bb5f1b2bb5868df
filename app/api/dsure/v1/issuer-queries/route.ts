import { answerIssuerQuery } from "@/lib/dsure/answer-issuer-query";
import { answerIssuerRequest } from "@/lib/dsure/answer-issuer-request";

export const dynamic = "force-dynamic";

/** Five hundred numbers and a signature. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * POST /api/dsure/v1/issuer-queries — an issuer asks about its own certificates (発注者の閲覧, 照会の警告): a request
 * signed like a registration (lib/dsure/issuer-query.ts), authenticated by its signature with a key from D-Sure's
 * configuration; no session, no cookie. Numbers of other issuers are left out of the answer.
 */
export async function POST(request: Request): Promise<Response> {
  return answerIssuerRequest(request, { maxBytes: MAX_BODY_BYTES, handle: (body) => answerIssuerQuery({ body }) });
}
