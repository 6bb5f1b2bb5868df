import "server-only";
import { purgeStaleAuthRows } from "@/lib/auth/purge-stale-auth-rows";
import { purgeMailBodies } from "@/lib/mail/purge-mail-bodies";

const holder = globalThis as unknown as { __denshiHoshoSuretyHousekeeping?: NodeJS.Timeout };

/**
 * Hourly in each surety instance (each step is idempotent, so several instances may): stale login counters,
 * challenges and sessions (purgeStaleAuthRows), and the bodies of mails delivered long enough ago (purgeMailBodies).
 */
export function startSuretyHousekeeping({ intervalMs = 60 * 60 * 1000 }: { intervalMs?: number } = {}): void {
  if (holder.__denshiHoshoSuretyHousekeeping) return; // dev reloads
  const run = () => {
    void purgeStaleAuthRows().catch((e: unknown) => console.error("[auth] 古いログイン記録の削除に失敗しました（次回再試行します）", e));
    void purgeMailBodies().catch((e: unknown) => console.error("[mail] 送信済みメール本文の削除に失敗しました（次回再試行します）", e));
  };
  holder.__denshiHoshoSuretyHousekeeping = setInterval(run, intervalMs);
  holder.__denshiHoshoSuretyHousekeeping.unref?.();
}
