import "server-only";
import { Prisma } from "@/lib/generated/dsure/client";
import { DSURE_LIMITS } from "./limits";

/**
 * The statement (for a CTE) that adds failures to D-Sure's counter rows in their window (DSURE_LIMITS.windowMs,
 * starting at a row's first counted look-up; a row whose window ended starts a new one). `rows` is a SELECT of
 * ("key", "now", "n"): each key once, with the failures to add (0 still takes the row: see readForLookup).
 * Rows are taken in key order, so concurrent statements never deadlock. Returns each row as it now stands.
 */
export function addFailuresSql(rows: Prisma.Sql): Prisma.Sql {
  const secs = DSURE_LIMITS.windowMs / 1000;
  return Prisma.sql`
    INSERT INTO "dsure"."DsureThrottleCounter" AS t ("key", "windowStart", "failures", "updatedAt")
    SELECT "key", "now", "n", "now" FROM (${rows}) AS x("key", "now", "n") ORDER BY "key"
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN t."windowStart" <= excluded."updatedAt" - make_interval(secs => ${secs})
                        THEN excluded."failures" ELSE t."failures" + excluded."failures" END,
      "windowStart" = CASE WHEN t."windowStart" <= excluded."updatedAt" - make_interval(secs => ${secs})
                           THEN excluded."windowStart" ELSE t."windowStart" END,
      "updatedAt" = excluded."updatedAt"
    RETURNING t."key", t."failures", t."windowStart"`;
}
