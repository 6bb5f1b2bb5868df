import "server-only";
import { dsureDb, type DsureDb } from "./db";
import { DSURE_ALARM_WINDOW_MS } from "./scan-dsure-alarms";

export type DsureAlarmRow = {
  id: string;
  contractNumber: string;
  since: Date;
  lastFailureAt: Date;
  failures: number;
  addresses: number;
  raisedAt: Date;
  /** Failures within the last hour: the episode is still going on. */
  active: boolean;
};

/**
 * D-Sure's alarms for the surety's back office, newest first: which number, how many failures from how many
 * addresses, since when. Reads D-Sure's alarm table only.
 */
export async function listDsureAlarms({ db = dsureDb, now = new Date(), take = 100 }: { db?: DsureDb; now?: Date; take?: number } = {}): Promise<DsureAlarmRow[]> {
  const rows = await db.dsureAlarm.findMany({
    orderBy: [{ lastFailureAt: "desc" }],
    take,
    select: { id: true, contractNumber: true, since: true, lastFailureAt: true, failures: true, addresses: true, raisedAt: true },
  });
  return rows.map((r) => ({ ...r, active: r.lastFailureAt.getTime() > now.getTime() - DSURE_ALARM_WINDOW_MS }));
}
