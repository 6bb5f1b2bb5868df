/**
 * npm run worker — the background jobs of the roles this process serves (APP_ROLES), in a process of their own (for
 * deployments that run the app server with MAIL_DISPATCHER=off, or to add capacity: any number of dispatchers can run,
 * none sends a row twice): for the surety, the mail outbox and registration dispatchers (certificates to D-Sure) and 照合
 * by schedule; for D-Sure, its housekeeping (alarms, access-log retention).
 * Stops gracefully on SIGTERM/SIGINT: finishes the run in progress, closes SMTP and the database pool.
 */
import { createPrismaClient } from "../lib/db";
import { env, EnvError } from "../lib/env";
import { startMailDispatcher } from "../lib/mail/start-mail-dispatcher";
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
  let roles;
  try {
    roles = env().APP_ROLES;
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`[worker] 開始できません。\n${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const stops: (() => Promise<void>)[] = [];
  if (roles.includes("surety")) {
    let transport;
    try {
      transport = mailTransportFromEnv();
    } catch (e) {
      if (e instanceof MailConfigError) {
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
    const { startReconciliationScheduler } = await import("../lib/reconciliation/start-reconciliation-scheduler");
    const reconciliation = startReconciliationScheduler({ db, connection: registrationClient });
    stops.push(async () => {
      await Promise.all([registrations.stop(), dispatcher.stop(), reconciliation.stop()]);
      transport.close();
      await Promise.all([db.$disconnect(), registrationClient.close()]);
    });
    console.info("[worker] メール送信、D-Sure への登録と照合を開始しました");
  }
  if (roles.includes("dsure")) {
    // D-Sure's housekeeping (alarms, access-log retention), on D-Sure's own database.
    const { startDsureMaintenance } = await import("../lib/dsure/start-dsure-maintenance");
    const { disconnectDsureDb } = await import("../lib/dsure/db");
    const maintenance = startDsureMaintenance({ keepAlive: true });
    stops.push(async () => {
      await maintenance.stop();
      await disconnectDsureDb();
    });
    console.info("[worker] D-Sure の照会記録の点検を開始しました");
  }
  stopNow = async () => {
    await Promise.all(stops.map((s) => s()));
  };
  console.info(`[worker] 開始しました（受け持ち: ${roles.join(", ")}） (停止: Ctrl+C / SIGTERM)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
