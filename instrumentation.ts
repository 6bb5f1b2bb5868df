/**
 * Next.js instrumentation hook, run once when a server instance starts. In the Node.js runtime it starts the mail
 * outbox dispatcher (lib/mail) unless MAIL_DISPATCHER=off. Imported lazily so the edge bundle never sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInAppMailDispatcher } = await import("./lib/mail/start-in-app-mail-dispatcher");
  startInAppMailDispatcher();
}
