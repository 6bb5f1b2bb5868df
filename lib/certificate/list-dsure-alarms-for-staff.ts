import "server-only";
import type { AlarmAnswer } from "@/lib/dsure/registration";
import { askDsure } from "./ask-dsure";

export type DsureAlarmForStaff = Omit<AlarmAnswer, "since" | "lastFailureAt" | "raisedAt"> & { since: Date; lastFailureAt: Date; raisedAt: Date };

/**
 * D-Sure 照会の警告 on our own numbers, as D-Sure answers a signed query (newest first): which number, how many failures
 * from how many addresses, since when; with D-Sure's threshold for the explanation. Null when D-Sure cannot answer now.
 */
export async function listDsureAlarmsForStaff({ take = 100 }: { take?: number } = {}): Promise<{
  alarms: DsureAlarmForStaff[];
  threshold: { addresses: number; windowMinutes: number };
} | null> {
  const answer = await askDsure({ query: { kind: "alarms", take } });
  if (!answer) return null;
  return {
    alarms: answer.alarms.map((a) => ({ ...a, since: new Date(a.since), lastFailureAt: new Date(a.lastFailureAt), raisedAt: new Date(a.raisedAt) })),
    threshold: answer.threshold,
  };
}
