import { listPublicKeys, registryPublicKey } from "@/lib/dsure/list-public-keys";

export const dynamic = "force-dynamic";

/**
 * GET /api/dsure/v1/public-keys — the issuers' keys D-Sure trusts (from its configuration) and their validity, and
 * D-Sure's own key (`registry`), which signs its receipts.
 */
export async function GET(): Promise<Response> {
  const keys = listPublicKeys();
  return Response.json(
    { keys, registry: registryPublicKey() },
    { headers: { "Cache-Control": "public, max-age=300, stale-while-revalidate=3600" } },
  );
}
