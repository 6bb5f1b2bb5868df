import "server-only";
import { dsureDb, type DsureDb } from "./db";
import { env } from "@/lib/env";
import { DSURE_LIMITS } from "./limits";

/**
 * Deletes D-Sure access-log rows older than DSURE_ACCESS_LOG_RETENTION_DAYS — except each certificate's first and
 * last view, which are the 発注者の閲覧 the issuer is told (answerIssuerQuery) — and D-Sure failure counters whose
 * window ended (a look-up leaves one per client). In batches, so a large backlog never holds one long transaction.
 * Returns how many log rows went.
 */
export async function purgeDsureAccessLog({
  db = dsureDb,
  now = new Date(),
  retentionDays = env().DSURE_ACCESS_LOG_RETENTION_DAYS,
  batchSize = 5_000,
}: { db?: DsureDb; now?: Date; retentionDays?: number; batchSize?: number } = {}): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  let total = 0;
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM "dsure"."DsureAccessLog" WHERE "id" IN (
        SELECT d."id" FROM "dsure"."DsureAccessLog" d
        WHERE d."at" < ${before}
          AND NOT (d."outcome" = 'VIEW' AND d."issuerCode" IS NOT NULL AND (
            NOT EXISTS (SELECT 1 FROM "dsure"."DsureAccessLog" e WHERE e."contractNumber" = d."contractNumber" AND e."outcome" = 'VIEW' AND e."at" < d."at")
            OR NOT EXISTS (SELECT 1 FROM "dsure"."DsureAccessLog" l WHERE l."contractNumber" = d."contractNumber" AND l."outcome" = 'VIEW' AND l."at" > d."at")))
        ORDER BY d."at" LIMIT ${batchSize})`;
    total += n;
    if (n < batchSize) break;
  }
  const windowEdge = new Date(now.getTime() - DSURE_LIMITS.windowMs);
  await db.$executeRaw`
    DELETE FROM "dsure"."DsureThrottleCounter" WHERE "key" LIKE 'dsure:%' AND "windowStart" <= ${windowEdge}
      AND ("blockedUntil" IS NULL OR "blockedUntil" <= ${now})`;
  return total;
}
