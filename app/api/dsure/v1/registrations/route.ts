import { acceptRegistrationRequest } from "@/lib/dsure/accept-registration-request";
import { answerIssuerRequest } from "@/lib/dsure/answer-issuer-request";

export const dynamic = "force-dynamic";

/** A hundred entries of a few kilobytes each. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * POST /api/dsure/v1/registrations — D-Sure's registration interface over HTTP, for an issuer whose app runs apart
 * from D-Sure: a signed request carrying chain entries (lib/dsure/registration-request.ts). Authenticated by the
 * request's own signature with a key from D-Sure's configuration; no session, no cookie.
 */
export async function POST(request: Request): Promise<Response> {
  return answerIssuerRequest(request, {
    maxBytes: MAX_BODY_BYTES,
    handle: async (body) => {
      const result = await acceptRegistrationRequest({ body });
      return result.ok ? { ok: true, answer: { entries: result.entries } } : result;
    },
  });
}
