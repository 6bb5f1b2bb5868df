import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

/** One message as the dispatcher hands it to SMTP. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID header, `<…@…>`; stable per outbox row so a receiver can tell a repeat from a new mail. */
  messageId: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface MailTransport {
  /** Resolves with the Message-ID once the SMTP server accepted the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailTransportSettings {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://… (TLS from the start). */
  smtpUrl: string;
  /** false only for a test relay with a self-signed certificate. */
  rejectUnauthorized: boolean;
  /** From header and envelope sender, e.g. `電子保証 <no-reply@example.jp>`. */
  from: string;
}

/** A setting that keeps mail from being sent at all: reported once, in plain words, by whoever starts sending. */
export class MailConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailConfigError";
  }
}

export function createMailTransport(settings: MailTransportSettings): MailTransport {
  let url: URL;
  try {
    url = new URL(settings.smtpUrl);
  } catch {
    throw new MailConfigError("SMTP_URL が URL の形式ではありません (例: smtp://mail.example.jp:587)");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new MailConfigError(`SMTP_URL は smtp:// か smtps:// で始めてください (指定: ${url.protocol}//…)`);
  }
  const transporter = nodemailer.createTransport(
    {
      url: settings.smtpUrl,
      pool: true,
      maxConnections: 4,
      // Fail a dead server quickly: the outbox retries later, and a row's lease must outlast one attempt.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
      tls: { rejectUnauthorized: settings.rejectUnauthorized },
      logger: false,
    },
    { from: settings.from },
  );
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments,
      });
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
    },
  };
}

/** The transport configured by SMTP_URL, SMTP_TLS_REJECT_UNAUTHORIZED and MAIL_FROM. */
export function mailTransportFromEnv(): MailTransport {
  const e = env();
  if (!e.SMTP_URL) {
    throw new MailConfigError("SMTP_URL が設定されていないため、メールを送信できません (例: SMTP_URL=smtp://mail.example.jp:587)");
  }
  return createMailTransport({
    smtpUrl: e.SMTP_URL,
    rejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED === "true",
    from: e.MAIL_FROM,
  });
}
