import "server-only";
import { dsureDb, type DsureDb } from "./db";
import { isDatabaseUnreachableError } from "@/lib/db-health";
import { scanDsureAlarms } from "./scan-dsure-alarms";
import { purgeDsureAccessLog } from "./purge-dsure-access-log";
import { purgeRegistrationNonces } from "./purge-registration-nonces";

export const DSURE_MAINTENANCE_INTERVAL_MS = 60_000;

export interface DsureMaintenance {
  stop(): Promise<void>;
  runOnce(now?: Date): Promise<void>;
}

/**
 * D-Sure's housekeeping, run beside the mail dispatcher (in the app server, or in `npm run worker`): every minute it
 * raises alarms for numbers under attack (scanDsureAlarms) and, once an hour, purges the access log past its
 * retention (purgeDsureAccessLog) and the nonces of registration requests too old to be accepted again
 * (purgeRegistrationNonces). Errors are logged once per distinct message and retried on the next tick.
 */
export function startDsureMaintenance({
  db = dsureDb,
  intervalMs = DSURE_MAINTENANCE_INTERVAL_MS,
  keepAlive = false,
  log = console,
}: {
  db?: DsureDb;
  intervalMs?: number;
  keepAlive?: boolean;
  log?: Pick<Console, "info" | "error">;
}): DsureMaintenance {
  let stopped = false;
  let running: Promise<void> | null = null;
  let lastPurge = 0;
  let lastError: string | undefined;

  const runOnce = (now = new Date()) => {
    if (running) return running;
    running = (async () => {
      try {
        const raised = await scanDsureAlarms({ db, now });
        for (const n of raised) log.error(`[dsure] 警告: 保証契約番号 ${n} に多数のアドレスから照会の失敗が続いています`);
        if (now.getTime() - lastPurge >= 60 * 60_000) {
          const purged = await purgeDsureAccessLog({ db, now });
          await purgeRegistrationNonces({ db, now });
          lastPurge = now.getTime();
          if (purged) log.info(`[dsure] 保存期間を過ぎた照会記録を ${purged} 件削除しました`);
        }
        lastError = undefined;
      } catch (e) {
        const message = isDatabaseUnreachableError(e) ? "データベースに接続できません" : e instanceof Error ? e.message : String(e);
        if (message !== lastError) log.error(`[dsure] 照会記録の点検ができません (次回再試行します): ${message}`);
        lastError = message;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const first = setTimeout(() => void runOnce(), 5_000);
  const timer = setInterval(() => void runOnce(), intervalMs);
  if (!keepAlive) {
    first.unref();
    timer.unref();
  }
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
    runOnce,
  };
}
