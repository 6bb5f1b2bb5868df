import "server-only";
import fs from "node:fs/promises";
import { simpleParser, type AddressObject } from "mailparser";
import { devMailPath, isDevMailId } from "./mailbox-dir";

export interface DevMailSummary {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: Date | null;
  attachmentCount: number;
}

export function addressText(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return "";
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(", ");
}

/** The newest mails of the development mailbox first (at most `limit`). */
export async function listDevMails({ dir, limit = 100 }: { dir: string; limit?: number }): Promise<DevMailSummary[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const ids = names
    .filter((n) => n.endsWith(".eml"))
    .map((n) => n.slice(0, -4))
    .filter(isDevMailId)
    .sort((a, b) => {
      const byTime = Number(b.split("-")[0]) - Number(a.split("-")[0]);
      return byTime || b.localeCompare(a);
    })
    .slice(0, limit);
  const mails = await Promise.all(
    ids.map(async (id): Promise<DevMailSummary | null> => {
      try {
        const parsed = await simpleParser(await fs.readFile(devMailPath(dir, id)!));
        return {
          id,
          from: addressText(parsed.from),
          to: addressText(parsed.to),
          subject: parsed.subject ?? "",
          date: parsed.date ?? null,
          attachmentCount: parsed.attachments.length,
        };
      } catch {
        return null; // removed meanwhile, or still being written
      }
    }),
  );
  return mails.filter((m): m is DevMailSummary => m !== null);
}
