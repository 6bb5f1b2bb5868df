import "server-only";
import { db } from "@/lib/db";

export interface UndeliveredMail {
  id: string;
  template: string;
  toAddress: string;
  subject: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

const select = {
  id: true,
  template: true,
  toAddress: true,
  subject: true,
  attempts: true,
  maxAttempts: true,
  lastError: true,
  nextAttemptAt: true,
  createdAt: true,
} as const;

/** For /admin/mail: the FAILED mails (newest first) and those still being retried after a failure. */
export async function listUndeliveredMails({ limit = 200 }: { limit?: number } = {}): Promise<{
  failed: UndeliveredMail[];
  retrying: UndeliveredMail[];
}> {
  const [failed, retrying] = await Promise.all([
    db.mailOutbox.findMany({ where: { status: "FAILED" }, orderBy: { createdAt: "desc" }, take: limit, select }),
    db.mailOutbox.findMany({ where: { status: "PENDING", attempts: { gt: 0 } }, orderBy: { nextAttemptAt: "asc" }, take: limit, select }),
  ]);
  return { failed, retrying };
}
