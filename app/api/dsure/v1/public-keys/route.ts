import { listPublicKeys } from "@/lib/dsure/list-public-keys";

export const dynamic = "force-dynamic";

/** GET /api/dsure/v1/public-keys — the public halves of every signing key (retired ones too), by key id. */
export async function GET(): Promise<Response> {
  const keys = await listPublicKeys();
  return Response.json(
    { keys },
    { headers: { "Cache-Control": "public, max-age=300, stale-while-revalidate=3600" } },
  );
}
