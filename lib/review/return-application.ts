import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";
import { loadActingStaff } from "./load-acting-staff";

/**
 * 差戻し: sends an application back to the contractor with a reason (→ RETURNED) and queues 「差戻しのお知らせ」 to the
 * company's address. A REVIEWER may return a submitted or reviewed application; an APPROVER one waiting for them
 * (REVIEWED). The earlier review is cleared: a resubmitted application is reviewed afresh.
 */
export async function returnApplication({
  applicationId,
  staffId,
  reason,
  now = new Date(),
}: {
  applicationId: string;
  staffId: string;
  /** already normalised (ZReturnApplicationSchema) */
  reason: string;
  now?: Date;
}): Promise<void> {
  if (!reason.trim()) throw new DomainError("VALIDATION", { reason: "required" });
  await db.$transaction(async (tx) => {
    const staff = await loadActingStaff(tx, { staffId, roles: ["REVIEWER", "APPROVER"] });
    const allowed: ApplicationStatus[] = staff.role === "REVIEWER" ? ["SUBMITTED", "REVIEWED"] : ["REVIEWED"];
    const a = await tx.guaranteeApplication.findUnique({
      where: { id: applicationId },
      select: { status: true, workName: true, reviewedById: true, company: { select: { name: true, email: true } } },
    });
    if (!a || a.status === "DRAFT") throw new DomainError("NOT_FOUND", { applicationId });
    if (!allowed.includes(a.status)) throw new DomainError("INVALID_STATE", { applicationId, status: a.status });

    const updated = await tx.guaranteeApplication.updateMany({
      where: { id: applicationId, status: a.status },
      data: { status: "RETURNED", returnReason: reason, reviewedById: null, reviewedAt: null, lockVersion: { increment: 1 } },
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", { applicationId });

    await tx.applicationEvent.create({
      data: { applicationId, type: "RETURNED", actorType: "STAFF", actorId: staff.id, note: reason, createdAt: now },
    });
    await enqueueMail(tx, {
      template: "APPLICATION_RETURNED",
      to: a.company.email,
      data: { companyName: a.company.name, workName: a.workName ?? "", reason, applicationId },
    });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.id,
      actorLabel: staff.staffId,
      action: "application.return",
      entityType: "GuaranteeApplication",
      entityId: applicationId,
      before: { status: a.status, reviewedById: a.reviewedById },
      after: { status: "RETURNED", returnReason: reason },
    });
  });
}
