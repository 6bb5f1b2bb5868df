import "server-only";
import type { Db } from "@/lib/db";
import { isDatabaseUnreachableError } from "@/lib/db-health";
import { dispatchDueMails, type DispatchOptions, type DispatchResult } from "./dispatch-due-mails";
import type { MailTransport } from "./transport";

export interface MailDispatcher {
  /** Stops polling and waits for the run in progress (its rows are then either settled or released by the lease). */
  stop(): Promise<void>;
}

export interface MailDispatcherOptions extends Omit<DispatchOptions, "db" | "transport"> {
  db: Db;
  transport: MailTransport;
  /** Pause between runs when nothing was due (a full batch is followed by the next run at once). */
  intervalMs?: number;
  /** Keep the process alive for the loop (the worker); the app server's loop must not hold the process open. */
  keepAlive?: boolean;
  onRun?: (result: DispatchResult) => void;
}

/**
 * Polls the outbox: one run at a time (a run never overlaps the previous one), every `intervalMs`, at once again
 * after a full batch. Errors of a run (database unreachable …) are logged once per distinct message and retried
 * on the next tick.
 */
export function startMailDispatcher(options: MailDispatcherOptions): MailDispatcher {
  const { intervalMs = 2_000, keepAlive = false, onRun, ...dispatch } = options;
  const batchSize = dispatch.batchSize ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let lastError: string | undefined;

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    if (!keepAlive) timer.unref();
  };

  function tick() {
    timer = undefined;
    current = (async () => {
      let next = intervalMs;
      try {
        const result = await dispatchDueMails({ ...dispatch, batchSize });
        lastError = undefined;
        onRun?.(result);
        if (result.claimed === batchSize) next = 0;
      } catch (e) {
        const message = isDatabaseUnreachableError(e) ? "データベースに接続できません" : e instanceof Error ? e.message : String(e);
        if (message !== lastError) console.error(`[mail] 送信待ちメールを処理できません (次回 ${intervalMs / 1000} 秒後に再試行): ${message}`);
        lastError = message;
      }
      schedule(next);
    })();
  }

  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
