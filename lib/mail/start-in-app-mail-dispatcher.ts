import "server-only";
import { db } from "@/lib/db";
import { env, EnvError } from "@/lib/env";
import { startMailDispatcher, type MailDispatcher } from "./start-mail-dispatcher";
import { MailConfigError, mailTransportFromEnv } from "./transport";
import { dsureConnection } from "@/lib/certificate/ask-dsure";
import { startRegistrationDispatcher } from "@/lib/certificate/start-registration-dispatcher";
import type { PollingLoop } from "@/lib/batch/start-polling-loop";

const holder = globalThis as unknown as {
  __denshiHoshoMailDispatcher?: MailDispatcher;
  __denshiHoshoRegistrations?: PollingLoop;
};

/**
 * Called from instrumentation.ts when the Node.js server starts: runs the outboxes' dispatchers inside the app server
 * unless MAIL_DISPATCHER=off (then `npm run worker` runs them) — the registration dispatcher (certificates to D-Sure,
 * startRegistrationDispatcher), which wakes the mail dispatcher when it releases held mails, and the mail
 * dispatcher. A missing SMTP_URL is reported in plain
 * words: in production it stops the start (env.ts refuses it), elsewhere mails wait in the outbox until it is set.
 */
export function startInAppMailDispatcher(): void {
  if (holder.__denshiHoshoMailDispatcher) return; // dev reloads call register() again
  try {
    if (env().MAIL_DISPATCHER === "off") {
      console.info("[mail] MAIL_DISPATCHER=off: このサーバーではメールを送信しません (npm run worker が送信します)");
      return;
    }
    holder.__denshiHoshoRegistrations ??= startRegistrationDispatcher({
      db,
      client: dsureConnection(), // the process's one way to D-Sure, shared with the pages that ask it
      onRun: (r) => {
        if (r.releasedMails) holder.__denshiHoshoMailDispatcher?.wake();
      },
    });
    const transport = mailTransportFromEnv();
    holder.__denshiHoshoMailDispatcher = startMailDispatcher({ db, transport });
  } catch (e) {
    if (e instanceof EnvError || e instanceof MailConfigError) {
      console.error(`[mail] メール送信を開始できません。メールは送信待ちのまま残ります。\n${e.message}`);
      if (process.env.NODE_ENV === "production") throw e;
      return;
    }
    throw e;
  }
}
