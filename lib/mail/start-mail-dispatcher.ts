import "server-only";
import type { Db } from "@/lib/db";
import { startPollingLoop } from "@/lib/batch/start-polling-loop";
import { dispatchDueMails, type DispatchOptions, type DispatchResult } from "./dispatch-due-mails";
import type { MailTransport } from "./transport";

export interface MailDispatcher {
  /** Stops polling and waits for the run in progress (its rows are then either settled or released by the lease). */
  stop(): Promise<void>;
  /** Sends now what is due instead of waiting for the next tick (a held mail was just released). */
  wake(): void;
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
 * Polls the outbox (startPollingLoop): one run at a time, every `intervalMs`, at once again after a full batch.
 */
export function startMailDispatcher(options: MailDispatcherOptions): MailDispatcher {
  const { intervalMs = 2_000, keepAlive = false, onRun, ...dispatch } = options;
  const batchSize = dispatch.batchSize ?? 20;
  const loop = startPollingLoop({
    label: "[mail]",
    failure: "送信待ちメールを処理できません",
    intervalMs,
    keepAlive,
    run: async () => {
      const result = await dispatchDueMails({ ...dispatch, batchSize });
      onRun?.(result);
      return { again: result.claimed === batchSize };
    },
  });
  return { stop: () => loop.stop(), wake: () => loop.wake() };
}
