import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import type { StaffPrincipal } from "@/lib/auth/authenticate";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { ZResendMailSchema } from "./schemas";

/**
 * 再送: a FAILED mail goes back to the outbox as new (PENDING, attempts 0, due now), with an audit row in the same
 * transaction. Only ADMIN may do it; a mail that is not FAILED (already re-sent by someone else) is a CONFLICT.
 */
export async function resendFailedMail({ mailId, staff }: { mailId: string; staff: StaffPrincipal }): Promise<void> {
  if (staff.role !== "ADMIN") throw new DomainError("FORBIDDEN", { roles: ["ADMIN"] });
  if (!ZResendMailSchema.safeParse({ mailId }).success) throw new DomainError("NOT_FOUND", { mailId });
  await db.$transaction(async (tx) => {
    const before = await tx.mailOutbox.findUnique({
      where: { id: mailId },
      select: { status: true, attempts: true, lastError: true, template: true },
    });
    if (!before) throw new DomainError("NOT_FOUND", { mailId });
    const { count } = await tx.mailOutbox.updateMany({
      where: { id: mailId, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lockedUntil: null },
    });
    if (count === 0) throw new DomainError("CONFLICT", { mailId, status: before.status });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.userId,
      actorLabel: staff.loginId,
      action: "mail.resend",
      entityType: "MailOutbox",
      entityId: mailId,
      before: { status: before.status, attempts: before.attempts, lastError: before.lastError, template: before.template },
      after: { status: "PENDING", attempts: 0 },
    });
  });
}
