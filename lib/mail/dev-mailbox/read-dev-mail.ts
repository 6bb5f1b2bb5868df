import "server-only";
import fs from "node:fs/promises";
import { simpleParser } from "mailparser";
import { addressText } from "./list-dev-mails";
import { devMailPath } from "./mailbox-dir";

export interface DevMail {
  id: string;
  from: string;
  to: string;
  cc: string;
  subject: string;
  date: Date | null;
  messageId: string;
  /** Every header line as received (name in lower case). */
  headers: { name: string; value: string }[];
  text: string;
  /** The HTML part as sent, or null; shown only inside a sandboxed frame. */
  html: string | null;
  attachments: { index: number; filename: string; contentType: string; size: number; content: Buffer }[];
}

/** One mail of the development mailbox, parsed; null for an unknown or invalid id. */
export async function readDevMail({ dir, id }: { dir: string; id: string }): Promise<DevMail | null> {
  const file = devMailPath(dir, id);
  if (!file) return null;
  let raw: Buffer;
  try {
    raw = await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const parsed = await simpleParser(raw);
  return {
    id,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    cc: addressText(parsed.cc),
    subject: parsed.subject ?? "",
    date: parsed.date ?? null,
    messageId: parsed.messageId ?? "",
    headers: parsed.headerLines.map((h) => ({ name: h.key, value: h.line.slice(h.line.indexOf(":") + 1).trim() })),
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    attachments: parsed.attachments.map((a, index) => ({
      index,
      filename: a.filename ?? `attachment-${index + 1}`,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
    })),
  };
}
