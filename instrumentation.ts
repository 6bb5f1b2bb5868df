/**
 * Next.js instrumentation hook, run once when a server instance starts. In the Node.js runtime it starts what the
 * roles this instance serves (APP_ROLES) need: for D-Sure, a check of its configured issuers (DSURE_ISSUERS /
 * DSURE_ISSUERS_FILE, when set) and its housekeeping; for the surety, the outboxes' dispatchers (lib/mail) unless
 * MAIL_DISPATCHER=off, the monthly 保証料計算書 scheduler (lib/fee-statement), the hourly purge of stale login counters
 * and sessions (lib/auth) and, unless MAIL_DISPATCHER=off, 照合 with
 * D-Sure by schedule (lib/reconciliation).
 * Imported lazily so the edge bundle never sees them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { hostsRole } = await import("./lib/app-roles");
  if (hostsRole("dsure")) {
    // D-Sure's trusted issuers are checked at start: a mistake there (or none, for D-Sure alone) must stop the
    // instance, not every look-up.
    const { dsureIssuers } = await import("./lib/dsure/issuers");
    dsureIssuers();
    const { startInAppDsureMaintenance } = await import("./lib/dsure/start-in-app-dsure-maintenance");
    startInAppDsureMaintenance();
  }
  if (hostsRole("surety")) {
    const { startInAppMailDispatcher } = await import("./lib/mail/start-in-app-mail-dispatcher");
    startInAppMailDispatcher();
    const { startFeeStatementScheduler } = await import("./lib/fee-statement/start-fee-statement-scheduler");
    startFeeStatementScheduler();
    const { startSuretyHousekeeping } = await import("./lib/housekeeping/start-surety-housekeeping");
    startSuretyHousekeeping();
    // 照合 with D-Sure by schedule, where this app runs the background jobs itself (else `npm run worker` does).
    if (process.env.MAIL_DISPATCHER !== "off") {
      const { startReconciliationScheduler } = await import("./lib/reconciliation/start-reconciliation-scheduler");
      startReconciliationScheduler();
    }
  }
}

/**
 * Every error a page, route handler or server action did not handle: one that means the database is unreachable
 * opens the circuit (lib/db-health), so the next requests get the Japanese 503 page at once instead of failing one by
 * one, until a probe finds the database back.
 */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { markDatabaseDown } = await import("./lib/db-health");
  markDatabaseDown(error);
}
