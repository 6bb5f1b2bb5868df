import "server-only";
import { db as appDb, type Db } from "@/lib/db";

/**
 * Attempt counters with a growing delay (docs/decisions/013), shared by every instance through Postgres.
 *
 * An attempt is counted *before* it is judged: one transaction locks the counters' rows, refuses the attempt while
 * any of them is delayed, and otherwise counts it at once, as if it were to fail, so parallel attempts see each other
 * and get no extra tries. After `free` counted attempts in a window, each further one delays the next by
 * `baseDelayMs`, doubling, up to `maxDelayMs`. A success takes its count back (settleAttempt).
 */
export interface AttemptRule {
  windowMs: number;
  /** Attempts in a window before any delay; Infinity: counted, never delayed. */
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type AttemptKey = {
  key: string;
  rule: AttemptRule;
  /** A stricter rule while another key of the same attempt has reached a count (an account under attack). */
  escalate?: { whenKey: string; atLeast: number; rule: AttemptRule };
};

type Counted = { key: string; blockedUntil: Date | null; previousBlock: Date | null };
export type AttemptTicket = { counted: Counted[] };
export type AttemptResult = { ok: true; ticket: AttemptTicket; counts: Record<string, number> } | { ok: false; until: Date; refusedBy: string[] };

/** How long the next attempt waits after the `count`-th in a window. */
export function delayAfter(count: number, rule: AttemptRule): number {
  if (count < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(count - rule.free, 30));
}

type Row = { key: string; windowStart: Date; failures: number; blockedUntil: Date | null };

export async function takeAttempt({ db = appDb, keys, now = new Date() }: { db?: Db; keys: AttemptKey[]; now?: Date }): Promise<AttemptResult> {
  const names = [...new Set(keys.map((k) => k.key))].sort();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "ThrottleCounter" ("key", "windowStart", "failures", "updatedAt")
      SELECT k, ${now}::timestamptz, 0, ${now}::timestamptz FROM unnest(${names}::text[]) AS k ORDER BY k
      ON CONFLICT ("key") DO NOTHING`;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "key", "windowStart", "failures", "blockedUntil" FROM "ThrottleCounter"
      WHERE "key" = ANY(${names}::text[]) ORDER BY "key" FOR UPDATE`;
    const byKey = new Map(rows.map((r) => [r.key, r]));

    const blocked = rows.filter((r) => (r.blockedUntil?.getTime() ?? 0) > now.getTime());
    if (blocked.length) {
      const until = new Date(Math.max(...blocked.map((r) => r.blockedUntil!.getTime())));
      return { ok: false as const, until, refusedBy: blocked.map((r) => r.key) };
    }

    const counts: Record<string, number> = {};
    const restarts = new Set<string>(); // a window that starts with this attempt
    for (const k of keys) {
      const r = byKey.get(k.key)!;
      if (r.failures === 0 || r.windowStart.getTime() <= now.getTime() - k.rule.windowMs) restarts.add(k.key);
      counts[k.key] = restarts.has(k.key) ? 1 : r.failures + 1;
    }
    const counted: Counted[] = [];
    for (const k of keys) {
      const r = byKey.get(k.key)!;
      const esc = k.escalate && (counts[k.escalate.whenKey] ?? 0) >= k.escalate.atLeast ? k.escalate.rule : k.rule;
      const delay = delayAfter(counts[k.key]!, esc);
      const blockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
      await tx.$executeRaw`
        UPDATE "ThrottleCounter" SET "failures" = ${counts[k.key]!}, "blockedUntil" = ${blockedUntil}::timestamptz,
          "windowStart" = CASE WHEN ${restarts.has(k.key)} THEN ${now}::timestamptz ELSE "windowStart" END,
          "updatedAt" = ${now}::timestamptz
        WHERE "key" = ${k.key}`;
      counted.push({ key: k.key, blockedUntil, previousBlock: r.blockedUntil });
    }
    return { ok: true as const, ticket: { counted }, counts };
  });
}

/**
 * After a success: the attempt's count is taken back (and the delay it set, unless a later attempt has set another),
 * and the counters in `forget` (e.g. this account from this address) are cleared.
 */
export async function settleSuccess({ db = appDb, ticket, forget = [] }: { db?: Db; ticket: AttemptTicket; forget?: string[] }): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const c of [...ticket.counted].sort((a, b) => a.key.localeCompare(b.key))) {
      if (forget.includes(c.key)) {
        await tx.$executeRaw`DELETE FROM "ThrottleCounter" WHERE "key" = ${c.key}`;
        continue;
      }
      await tx.$executeRaw`
        UPDATE "ThrottleCounter" SET "failures" = GREATEST("failures" - 1, 0),
          "blockedUntil" = CASE WHEN "blockedUntil" IS NOT DISTINCT FROM ${c.blockedUntil}::timestamptz
                                THEN ${c.previousBlock}::timestamptz ELSE "blockedUntil" END
        WHERE "key" = ${c.key}`;
    }
  });
}
