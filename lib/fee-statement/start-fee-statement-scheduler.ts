import "server-only";
import { generateMonthlyFeeStatements } from "./generate-monthly-fee-statements";
import { dueMonth } from "./month";

/** How often the scheduler looks whether last month's statements are written. */
export const FEE_STATEMENT_CHECK_INTERVAL_MS = 15 * 60_000;

export type FeeStatementScheduler = { stop(): void; runOnce(now?: Date): Promise<void> };

const holder = globalThis as unknown as { __denshiHoshoFeeStatementScheduler?: FeeStatementScheduler };

/**
 * The in-app scheduler of 保証料計算書 (保証料一括納付): every 15 minutes it makes sure last month's statements are
 * written, so they appear shortly after 00:10 JST on the 1st — and still appear if no instance was running then.
 * Safe with several app instances: generateMonthlyFeeStatements writes each company's month at most once (a unique
 * key), whichever instance gets there first. Started once per process from instrumentation.ts.
 */
export function startFeeStatementScheduler({
  intervalMs = FEE_STATEMENT_CHECK_INTERVAL_MS,
  log = console,
}: { intervalMs?: number; log?: Pick<Console, "info" | "error"> } = {}): FeeStatementScheduler {
  if (holder.__denshiHoshoFeeStatementScheduler) return holder.__denshiHoshoFeeStatementScheduler; // dev reloads
  let running: Promise<void> | null = null;

  const runOnce = async (now = new Date()) => {
    if (running) return running;
    const month = dueMonth(now);
    if (!month) return;
    running = (async () => {
      try {
        const r = await generateMonthlyFeeStatements({ month, now });
        if (r.created.length > 0) log.info(`[fee-statement] ${month} の保証料計算書を ${r.created.length} 件作成しました`);
      } catch (e) {
        log.error(`[fee-statement] ${month} の保証料計算書を作成できませんでした（次回再試行します）`, e);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const first = setTimeout(() => void runOnce(), 5_000);
  const timer = setInterval(() => void runOnce(), intervalMs);
  first.unref?.();
  timer.unref?.();
  const scheduler: FeeStatementScheduler = {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
      if (holder.__denshiHoshoFeeStatementScheduler === scheduler) delete holder.__denshiHoshoFeeStatementScheduler;
    },
    runOnce,
  };
  holder.__denshiHoshoFeeStatementScheduler = scheduler;
  return scheduler;
}
