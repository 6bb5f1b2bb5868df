/**
 * Next.js instrumentation hook, run once when a server instance starts. In the Node.js runtime it starts the mail
 * outbox dispatcher (lib/mail) unless MAIL_DISPATCHER=off, and the monthly 保証料計算書 scheduler (lib/fee-statement).
 * Imported lazily so the edge bundle never sees them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInAppMailDispatcher } = await import("./lib/mail/start-in-app-mail-dispatcher");
  startInAppMailDispatcher();
  const { startFeeStatementScheduler } = await import("./lib/fee-statement/start-fee-statement-scheduler");
  startFeeStatementScheduler();
}
