import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * Empties the text and HTML of mails delivered more than MAIL_BODY_RETENTION_HOURS ago. What an operator needs stays:
 * the recipient, subject, template, status, attempts and times. Mails not delivered (PENDING, FAILED) keep their
 * body for 再送. Returns how many were emptied.
 */
export async function purgeMailBodies({
  db = appDb,
  now = new Date(),
  retentionHours = env().MAIL_BODY_RETENTION_HOURS,
}: { db?: Db; now?: Date; retentionHours?: number } = {}): Promise<number> {
  const edge = new Date(now.getTime() - retentionHours * 60 * 60 * 1000);
  const { count } = await db.mailOutbox.updateMany({
    where: { status: "SENT", sentAt: { lt: edge }, bodyPurgedAt: null },
    data: { text: "", html: "", bodyPurgedAt: now },
  });
  return count;
}
