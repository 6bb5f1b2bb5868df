import { startSmtpSink, type SmtpSink } from "./smtp-sink";

/** The development mailbox: an SMTP server keeping each message as an .eml file, listed at /dev/mailbox. */
export async function startDevMailbox(dir: string): Promise<SmtpSink & { dir: string }> {
  const sink = await startSmtpSink({ dir, port: Number(process.env.DEV_SMTP_PORT ?? 2525) });
  return { ...sink, dir };
}
