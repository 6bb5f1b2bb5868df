import { env } from "@/lib/env";
import { dsureOpenApiDocument } from "@/lib/dsure/openapi";

export const dynamic = "force-dynamic";

/** GET /api/dsure/v1/openapi.json — the OpenAPI 3.1 document of the D-Sure API. */
export function GET(): Response {
  return Response.json(dsureOpenApiDocument({ baseUrl: env().PUBLIC_BASE_URL }), {
    headers: { "Cache-Control": "public, max-age=3600" },
  });
}
