import { db } from "@/lib/db";
import { markDatabaseDown } from "@/lib/db-health";

/** Liveness + database reachability, for load balancers and the e2e runner. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    markDatabaseDown(e);
    return Response.json(
      { status: "unavailable", message: "データベースに接続できません" },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
