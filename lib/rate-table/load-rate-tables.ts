import "server-only";
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import { toIsoDate } from "@/lib/dates";
import type { RateTable } from "@/lib/fee/types";

/** A 料率表 version as lib/fee uses it, plus what the back office shows beside it. */
export type LoadedRateTable = RateTable & { isSample: boolean; createdAt: Date };

/** Rate tables change a few times a year; queue pages may show a table up to this old. */
export const RATE_TABLE_CACHE_MS = 30_000;

let cache: { at: number; tables: LoadedRateTable[] } | null = null;

/**
 * Every rate table version (all guarantee types, old versions included), mapped from DB rows to lib/fee types.
 * Cached per process for a short time for screens; a conclusion passes `fresh: true` and its transaction, so the fee
 * it stores is computed from what the database holds at that moment.
 */
export async function loadRateTables({
  client,
  fresh = false,
  now = Date.now(),
}: { client?: Db | Tx; fresh?: boolean; now?: number } = {}): Promise<LoadedRateTable[]> {
  if (!fresh && cache && now - cache.at < RATE_TABLE_CACHE_MS) return cache.tables;
  const rows = await (client ?? defaultDb).rateTable.findMany({
    orderBy: [{ guaranteeType: "asc" }, { effectiveFrom: "desc" }],
    select: {
      id: true,
      name: true,
      guaranteeType: true,
      isSample: true,
      effectiveFrom: true,
      roundingUnit: true,
      roundingMode: true,
      minimumFee: true,
      createdAt: true,
      bands: { orderBy: { ordinal: "asc" }, select: { upTo: true, ratePpm: true, fixedFee: true } },
    },
  });
  const tables: LoadedRateTable[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    guaranteeType: r.guaranteeType,
    isSample: r.isSample,
    effectiveFrom: toIsoDate(r.effectiveFrom),
    roundingUnit: r.roundingUnit,
    roundingMode: r.roundingMode,
    minimumFee: r.minimumFee,
    createdAt: r.createdAt,
    // upTo is at most MAX_YEN (¥100,000,000,000), well inside a double's exact range.
    bands: r.bands.map((b) => ({ upTo: b.upTo === null ? null : Number(b.upTo), ratePpm: b.ratePpm, fixedFee: b.fixedFee })),
  }));
  // Only a read outside a transaction may be shared: a transaction's view can still roll back.
  if (!client || client === defaultDb) cache = { at: now, tables };
  return tables;
}

/** After a new version is saved, this process stops serving the old list at once (others within the cache time). */
export function invalidateRateTableCache(): void {
  cache = null;
}
