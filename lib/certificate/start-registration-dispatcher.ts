import "server-only";
import type { Db } from "@/lib/db";
import { startPollingLoop, type PollingLoop } from "@/lib/batch/start-polling-loop";
import type { RetryPolicy } from "@/lib/mail/compute-retry-delay";
import type { RegistrationClient } from "./create-registration-client";
import { dispatchCertificateRegistrations, type RegistrationDispatchResult } from "./dispatch-certificate-registrations";

const holder = globalThis as unknown as { __denshiHoshoRegistrationLoop?: PollingLoop };

/**
 * Runs the registration dispatcher (dispatchCertificateRegistrations) in a polling loop: every `intervalMs`, at once
 * again after a full batch, and at once when this process has just queued a registration
 * (wakeRegistrationDispatcher). Other instances' registrations are picked up by the next tick.
 */
export function startRegistrationDispatcher({
  db,
  client,
  intervalMs = 2_000,
  keepAlive = false,
  batchSize = 50,
  retry,
  onRun,
}: {
  db: Db;
  client: RegistrationClient;
  intervalMs?: number;
  keepAlive?: boolean;
  batchSize?: number;
  retry?: RetryPolicy;
  onRun?: (result: RegistrationDispatchResult) => void;
}): PollingLoop {
  const loop = startPollingLoop({
    label: "[registration]",
    failure: "D-Sure への登録待ちを処理できません",
    intervalMs,
    keepAlive,
    run: async () => {
      const result = await dispatchCertificateRegistrations({ db, client, batchSize, ...(retry ? { retry } : {}) });
      onRun?.(result);
      return { again: result.claimed === batchSize };
    },
  });
  holder.__denshiHoshoRegistrationLoop = loop;
  return {
    wake: () => loop.wake(),
    async stop() {
      if (holder.__denshiHoshoRegistrationLoop === loop) holder.__denshiHoshoRegistrationLoop = undefined;
      await loop.stop();
    },
  };
}

/** After a change that queued a registration has committed: deliver it now rather than at the next tick. */
export function wakeRegistrationDispatcher(): void {
  holder.__denshiHoshoRegistrationLoop?.wake();
}
