import "server-only";
import { env } from "@/lib/env";
import { startDsureMaintenance, type DsureMaintenance } from "./start-dsure-maintenance";

const holder = globalThis as unknown as { __denshiHoshoDsureMaintenance?: DsureMaintenance };

/**
 * Called from instrumentation.ts when a process that serves D-Sure (APP_ROLES) starts: runs D-Sure's housekeeping
 * (alarms, access-log retention) in the app server, unless MAIL_DISPATCHER=off says the background jobs run in
 * `npm run worker` instead.
 */
export function startInAppDsureMaintenance(): void {
  if (holder.__denshiHoshoDsureMaintenance || env().MAIL_DISPATCHER === "off") return;
  holder.__denshiHoshoDsureMaintenance = startDsureMaintenance({});
}
