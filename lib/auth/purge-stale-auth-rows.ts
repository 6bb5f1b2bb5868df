import "server-only";
import { db as appDb, type Db } from "@/lib/db";

const DAY = 24 * 60 * 60 * 1000;
/** Ended and expired sessions are kept this long (who was signed in when), then deleted. */
export const SESSION_RETENTION_DAYS = 90;

/**
 * Housekeeping of the login tables: attempt counters untouched for a day (every window and delay is an hour at most;
 * rotating attackers leave one row per address), 確認コード steps a day past their end, and sessions past their end by
 * SESSION_RETENTION_DAYS.
 */
export async function purgeStaleAuthRows({ db = appDb, now = new Date() }: { db?: Db; now?: Date } = {}) {
  const counterEdge = new Date(now.getTime() - DAY);
  const throttleCounters = await db.throttleCounter.deleteMany({
    where: { updatedAt: { lt: counterEdge }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
  });
  const sessions = await db.userSession.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - SESSION_RETENTION_DAYS * DAY) } } });
  const challenges = await db.staffLoginChallenge.deleteMany({ where: { expiresAt: { lt: counterEdge } } });
  return { throttleCounters: throttleCounters.count, sessions: sessions.count, challenges: challenges.count };
}
