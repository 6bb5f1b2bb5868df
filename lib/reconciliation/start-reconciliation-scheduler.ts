import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import type { RegistrationClient } from "@/lib/certificate/create-registration-client";
import { reconcileWithDsure } from "./reconcile-with-dsure";

export type ReconciliationScheduler = { stop(): Promise<void>; runOnce(): Promise<void> };

const holder = globalThis as unknown as { __denshiHoshoReconciliationScheduler?: ReconciliationScheduler };

/**
 * 照合 by schedule (RECONCILE_INTERVAL_MINUTES, 60 by default; 0: off): in `npm run worker`, and in the app where it
 * runs the background jobs itself (MAIL_DISPATCHER=inline). A run is skipped while another 照合 ran within the interval
 * on any instance, so several schedulers make one run per interval; reconcileWithDsure keeps them from overlapping.
 */
export function startReconciliationScheduler({
  db = appDb,
  connection,
  intervalMs = env().RECONCILE_INTERVAL_MINUTES * 60_000,
  firstAfterMs = 60_000,
  log = console,
}: {
  db?: Db;
  connection?: RegistrationClient;
  intervalMs?: number;
  firstAfterMs?: number;
  log?: Pick<Console, "info" | "error">;
} = {}): ReconciliationScheduler {
  if (holder.__denshiHoshoReconciliationScheduler) return holder.__denshiHoshoReconciliationScheduler; // dev reloads
  let running: Promise<void> | null = null;
  const runOnce = () => {
    running ??= (async () => {
      try {
        const recent = await db.reconciliationRun.findFirst({
          where: { startedAt: { gt: new Date(Date.now() - intervalMs * 0.9) } },
          select: { id: true },
        });
        if (recent) return;
        const r = await reconcileWithDsure({ trigger: "SCHEDULE", db, connection });
        if (r.ran && !r.error) log.info(`[reconcile] 照合しました: 保証契約 ${r.certificates} 件、不一致 ${r.discrepancies} 件`);
      } catch (e) {
        log.error("[reconcile] 照合を実行できませんでした（次回再試行します）", e);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timers: NodeJS.Timeout[] = [];
  if (intervalMs > 0) {
    timers.push(setTimeout(() => void runOnce(), firstAfterMs), setInterval(() => void runOnce(), intervalMs));
    for (const t of timers) t.unref?.();
  }
  const scheduler: ReconciliationScheduler = {
    async stop() {
      for (const t of timers) clearTimeout(t);
      if (holder.__denshiHoshoReconciliationScheduler === scheduler) delete holder.__denshiHoshoReconciliationScheduler;
      await running;
    },
    runOnce,
  };
  holder.__denshiHoshoReconciliationScheduler = scheduler;
  return scheduler;
}
