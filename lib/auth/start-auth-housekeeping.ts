import "server-only";
import { purgeStaleAuthRows } from "./purge-stale-auth-rows";

const holder = globalThis as unknown as { __denshiHoshoAuthHousekeeping?: NodeJS.Timeout };

/** Runs purgeStaleAuthRows hourly in each surety instance (idempotent, so several instances may). */
export function startAuthHousekeeping({ intervalMs = 60 * 60 * 1000 }: { intervalMs?: number } = {}): void {
  if (holder.__denshiHoshoAuthHousekeeping) return; // dev reloads
  const run = () =>
    void purgeStaleAuthRows().catch((e: unknown) => console.error("[auth] 古いログイン記録の削除に失敗しました（次回再試行します）", e));
  holder.__denshiHoshoAuthHousekeeping = setInterval(run, intervalMs);
  holder.__denshiHoshoAuthHousekeeping.unref?.();
}
