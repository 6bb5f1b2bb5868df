import "server-only";
import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Failure counters in Postgres, shared by every app instance. A key (e.g. `login:id:demo-kensetsu`) counts failures
 * in a window that starts at its first failure; reaching `limit` blocks it for `blockMs`.
 */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  blockMs: number;
}

export const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** The latest time until which any of `keys` is blocked, or null. */
export async function blockedUntil(db: Db | Tx, keys: string[], now = new Date()): Promise<Date | null> {
  if (!keys.length) return null;
  const rows = await db.throttleCounter.findMany({
    where: { key: { in: keys }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const times = rows.map((r) => r.blockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * The one statement that counts a failure of `key` (INSERT … ON CONFLICT, safe under concurrency), RETURNING
 * "blockedUntil".
 */
function recordFailureSql(key: string, rule: ThrottleRule, now = new Date()): Prisma.Sql {
  const windowEdge = new Date(now.getTime() - rule.windowMs);
  const blockEnd = new Date(now.getTime() + rule.blockMs);
  return Prisma.sql`
    INSERT INTO "ThrottleCounter" ("key", "windowStart", "failures", "blockedUntil", "updatedAt")
    VALUES (${key}, ${now}, 1, CASE WHEN 1 >= ${rule.limit} THEN ${blockEnd}::timestamptz ELSE NULL END, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "ThrottleCounter"."windowStart" <= ${windowEdge}::timestamptz
                        THEN 1 ELSE "ThrottleCounter"."failures" + 1 END,
      "windowStart" = CASE WHEN "ThrottleCounter"."windowStart" <= ${windowEdge}::timestamptz
                        THEN ${now}::timestamptz ELSE "ThrottleCounter"."windowStart" END,
      "blockedUntil" = CASE
        WHEN (CASE WHEN "ThrottleCounter"."windowStart" <= ${windowEdge}::timestamptz
                   THEN 1 ELSE "ThrottleCounter"."failures" + 1 END) >= ${rule.limit}
        THEN ${blockEnd}::timestamptz
        ELSE "ThrottleCounter"."blockedUntil" END,
      "updatedAt" = ${now}::timestamptz
    RETURNING "blockedUntil"`;
}

/** Counts one failure atomically (one statement, safe under concurrency); returns the block time if now blocked. */
export async function recordFailure(db: Db | Tx, key: string, rule: ThrottleRule, now = new Date()): Promise<Date | null> {
  const rows = await db.$queryRaw<{ blockedUntil: Date | null }[]>(recordFailureSql(key, rule, now));
  const until = rows[0]?.blockedUntil ?? null;
  return until && until.getTime() > now.getTime() ? until : null;
}

/** Forgets the failures of `key` (after a successful login). */
export async function resetThrottle(db: Db | Tx, key: string, now = new Date()): Promise<void> {
  await db.$executeRaw(resetThrottleSql(key, now));
}

/** The statement behind resetThrottle. */
function resetThrottleSql(key: string, now = new Date()): Prisma.Sql {
  return Prisma.sql`DELETE FROM "ThrottleCounter" WHERE "key" = ${key} AND ("blockedUntil" IS NULL OR "blockedUntil" <= ${now}::timestamptz)`;
}

/** 「あと約N分」 for messages. */
export function minutesUntil(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
