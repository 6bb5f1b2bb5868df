import "server-only";
import { db as appDb, type Db } from "@/lib/db";

export type ViewReceipt = { firstViewedAt: Date; lastViewedAt: Date } | null;

/**
 * 発注者の閲覧: when the certificate was first and last opened on D-Sure. Only the times — who looked and from where
 * stays in the access log for the surety. Reads the (contractId, outcome, at) index.
 */
export async function getViewReceipt({ contractId, db = appDb }: { contractId: string; db?: Db }): Promise<ViewReceipt> {
  const r = await db.dsureAccessLog.aggregate({
    where: { contractId, outcome: "VIEW" },
    _min: { at: true },
    _max: { at: true },
  });
  return r._min.at && r._max.at ? { firstViewedAt: r._min.at, lastViewedAt: r._max.at } : null;
}
