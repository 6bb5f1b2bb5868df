/**
 * The mails that carry a password link, as their recipient gets them: the outbox is sent through the real dispatcher
 * to a real SMTP server (scripts/lib/smtp-sink.ts), and the token read from the delivered text. The stored mail holds
 * a placeholder only; the token exists in the delivered mail.
 */
import { db } from "@/lib/db";
import { dispatchDueMails } from "@/lib/mail/dispatch-due-mails";
import { createMailTransport, type MailTransport } from "@/lib/mail/transport";
import { startSmtpSink, type SmtpSink } from "../../scripts/lib/smtp-sink";

export interface LinkMailbox {
  sink: SmtpSink;
  /** Sends what is due, then the token of the latest link mailed to `to`. */
  tokenMailedTo(to: string): Promise<string>;
  stop(): Promise<void>;
}

const LINK = /\/(?:enet|admin)\/setup-password\?token=([A-Za-z0-9_-]+)/;

export async function startLinkMailbox(): Promise<LinkMailbox> {
  const sink = await startSmtpSink();
  const transport: MailTransport = createMailTransport({
    smtpUrl: `smtp://127.0.0.1:${sink.port}`,
    rejectUnauthorized: true,
    from: "電子保証 <no-reply@denshi-hosho.example.jp>",
  });
  return {
    sink,
    async tokenMailedTo(to) {
      for (let i = 0; i < 20 && (await dispatchDueMails({ db, transport })).claimed > 0; i++);
      const mail = sink.messages.filter((m) => m.envelopeTo.includes(to)).at(-1);
      if (!mail) throw new Error(`no mail to ${to}`);
      const m = LINK.exec(mail.parsed.text ?? "");
      if (!m) throw new Error(`no password link in the mail to ${to}`);
      return m[1]!;
    },
    async stop() {
      transport.close();
      await sink.stop();
    },
  };
}
