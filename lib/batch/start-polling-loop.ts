import { isDatabaseUnreachableError } from "@/lib/db-health";

export interface PollingLoop {
  /** Runs again now (or right after the run in progress) instead of waiting for the next tick. */
  wake(): void;
  /** Stops polling and waits for the run in progress. */
  stop(): Promise<void>;
}

/**
 * A background loop for an outbox: one run at a time (a run never overlaps the previous one), every `intervalMs`, at
 * once again when a run says there is more (`again`) or when someone calls wake(). A run's error (database
 * unreachable …) is logged once per distinct message, with `label`, and retried on the next tick.
 */
export function startPollingLoop({
  run,
  intervalMs,
  keepAlive = false,
  label,
  failure,
}: {
  run: () => Promise<{ again: boolean }>;
  intervalMs: number;
  /** Keep the process alive for the loop (a worker); an app server's loop must not hold the process open. */
  keepAlive?: boolean;
  /** Log prefix, e.g. "[mail]". */
  label: string;
  /** What could not be done, in words (「送信待ちメールを処理できません」). */
  failure: string;
}): PollingLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let woken = false;
  let lastError: string | undefined;

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
    if (!keepAlive) timer.unref();
  };

  function tick() {
    timer = undefined;
    woken = false;
    current = (async () => {
      let next = intervalMs;
      try {
        if ((await run()).again) next = 0;
        lastError = undefined;
      } catch (e) {
        const message = isDatabaseUnreachableError(e) ? "データベースに接続できません" : e instanceof Error ? e.message : String(e);
        if (message !== lastError) console.error(`${label} ${failure} (次回 ${intervalMs / 1000} 秒後に再試行): ${message}`);
        lastError = message;
      }
      current = undefined;
      schedule(woken ? 0 : next);
    })();
  }

  schedule(0);
  return {
    wake() {
      if (stopped) return;
      if (current) woken = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
