/**
 * npm run worker — the mail outbox dispatcher, the registration dispatcher (certificates to D-Sure) (and D-Sure's housekeeping: alarms, access-log retention) in its own process (for deployments that run the app server with
 * MAIL_DISPATCHER=off, or to add sending capacity: any number of dispatchers can run, none sends a row twice).
 * Stops gracefully on SIGTERM/SIGINT: finishes the run in progress, closes SMTP and the database pool.
 */
import { createPrismaClient } from "../lib/db";
import { env, EnvError } from "../lib/env";
import { startMailDispatcher } from "../lib/mail/start-mail-dispatcher";
import { disconnectDsureDb } from "../lib/dsure/db";
import { startDsureMaintenance } from "../lib/dsure/start-dsure-maintenance";
import { createRegistrationClient } from "../lib/certificate/create-registration-client";
import { startRegistrationDispatcher } from "../lib/certificate/start-registration-dispatcher";
import { MailConfigError, mailTransportFromEnv } from "../lib/mail/transport";
import { embeddedUrlIfRunning } from "./lib/database-url";

async function main() {
  // Handlers first, before anything that awaits: a SIGTERM that arrives while the worker is still starting must stop it
  // gracefully too (Node's default for a signal nobody listens to is to die on the spot).
  let stopping = false;
  let stopNow: (() => Promise<void>) | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`[worker] ${signal} を受信しました。処理中のメールを送り終えてから停止します…`);
    await stopNow?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  // In development the worker can join `npm run dev`'s embedded database.
  if (!process.env.DATABASE_URL && process.env.NODE_ENV !== "production") {
    const url = await embeddedUrlIfRunning();
    if (url) process.env.DATABASE_URL = url;
  }
  let transport;
  try {
    env();
    transport = mailTransportFromEnv();
  } catch (e) {
    if (e instanceof EnvError || e instanceof MailConfigError) {
      console.error(`[worker] メール送信を開始できません。\n${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const db = createPrismaClient(env().DATABASE_URL, 4);
  const dispatcher = startMailDispatcher({
    db,
    transport,
    keepAlive: true,
    onRun: (r) => {
      if (r.claimed) console.info(`[worker] 送信 ${r.sent} 件 / 再試行待ち ${r.retried} 件 / 送信失敗 ${r.failed} 件`);
    },
  });
  const registrationClient = createRegistrationClient({ url: env().DSURE_URL });
  const registrations = startRegistrationDispatcher({
    db,
    client: registrationClient,
    keepAlive: true,
    onRun: (r) => {
      if (r.claimed) console.info(`[worker] D-Sure 登録 ${r.registered} 件 / 再試行待ち ${r.retried} 件 / 登録エラー ${r.failed} 件`);
      if (r.releasedMails) dispatcher.wake();
    },
  });
  const maintenance = startDsureMaintenance({ keepAlive: true });
  stopNow = async () => {
    await Promise.all([registrations.stop(), dispatcher.stop(), maintenance.stop()]);
    transport.close();
    await Promise.all([db.$disconnect(), registrationClient.close(), disconnectDsureDb()]);
  };
  console.info("[worker] メール送信を開始しました (停止: Ctrl+C / SIGTERM)");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
