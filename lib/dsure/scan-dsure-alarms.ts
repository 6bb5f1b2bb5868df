import "server-only";
import { dsureDb, type DsureDb } from "./db";

/** A number is an alarm when failures for it come from at least this many addresses within ALARM_WINDOW_MS. */
export const DSURE_ALARM_ADDRESSES = 5;
/** How far back the scan looks, and how long a quiet alarm stays the same episode. */
export const DSURE_ALARM_WINDOW_MS = 60 * 60 * 1000;

type Candidate = { contractNumber: string; failures: number; addresses: number; since: Date; last: Date };

/**
 * Looks through the last hour of D-Sure's access log for numbers that draw failed look-ups (a wrong key, or refused
 * past a limit) from many addresses — someone guessing, or someone trying to keep an orderer out — and raises an
 * alarm for each: a DsureAlarm row (D-Sure's own record: it writes nothing of the surety's), once per episode; an alarm already raised is brought up to date
 * (failures and addresses since it began). Any number of instances may run it: one scan at a time (an advisory lock).
 * Returns the numbers it raised.
 */
export async function scanDsureAlarms({ db = dsureDb, now = new Date() }: { db?: DsureDb; now?: Date } = {}): Promise<string[]> {
  const from = new Date(now.getTime() - DSURE_ALARM_WINDOW_MS);
  return db.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('dsure-alarm-scan')) AS "locked"`;
    if (!locked) return [];
    const candidates = await tx.$queryRaw<Candidate[]>`
      SELECT "contractNumber", count(*)::int AS "failures", count(DISTINCT "clientIp")::int AS "addresses",
             min("at") AS "since", max("at") AS "last"
      FROM "dsure"."DsureAccessLog"
      WHERE "at" > ${from} AND "at" <= ${now} AND "outcome" IN ('NOT_FOUND', 'THROTTLED') AND "contractNumber" <> ''
      GROUP BY "contractNumber"
      HAVING count(DISTINCT "clientIp") >= ${DSURE_ALARM_ADDRESSES}`;
    const raised: string[] = [];
    for (const c of candidates) {
      const open = await tx.dsureAlarm.findFirst({
        where: { contractNumber: c.contractNumber, lastFailureAt: { gt: from } },
        orderBy: { raisedAt: "desc" },
      });
      if (open) {
        const [since] = await tx.$queryRaw<{ failures: number; addresses: number; last: Date }[]>`
          SELECT count(*)::int AS "failures", count(DISTINCT "clientIp")::int AS "addresses", max("at") AS "last"
          FROM "dsure"."DsureAccessLog"
          WHERE "contractNumber" = ${c.contractNumber} AND "at" >= ${open.since} AND "at" <= ${now}
            AND "outcome" IN ('NOT_FOUND', 'THROTTLED')`;
        await tx.dsureAlarm.update({
          where: { id: open.id },
          data: { failures: since!.failures, addresses: since!.addresses, lastFailureAt: since!.last },
        });
        continue;
      }
      await tx.dsureAlarm.create({
        data: { contractNumber: c.contractNumber, since: c.since, lastFailureAt: c.last, failures: c.failures, addresses: c.addresses, raisedAt: now },
      });
      raised.push(c.contractNumber);
    }
    return raised;
  });
}
