import "server-only";
import { dsureDb, type DsureDb } from "./db";

export type ViewReceipt = { firstViewedAt: Date; lastViewedAt: Date } | null;

/**
 * 発注者の閲覧: when the certificate was first and last opened on D-Sure. Only the times — who looked and from where
 * stays in the access log for the surety. Reads the (contractNumber, outcome, at) index.
 */
export async function getViewReceipt({ contractNumber, db = dsureDb }: { contractNumber: string; db?: DsureDb }): Promise<ViewReceipt> {
  const r = await db.dsureAccessLog.aggregate({
    where: { contractNumber, outcome: "VIEW" },
    _min: { at: true },
    _max: { at: true },
  });
  return r._min?.at && r._max?.at ? { firstViewedAt: r._min.at, lastViewedAt: r._max.at } : null;
}
