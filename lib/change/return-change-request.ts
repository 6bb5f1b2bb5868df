import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import type { ChangeStatus } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { CHANGE_KIND_LABELS } from "./labels";

/**
 * 差戻し of a change: back to the contractor with a reason (→ RETURNED), and 「差戻しのお知らせ」 to the company. A
 * REVIEWER may return a submitted or reviewed change; an APPROVER one waiting for them (REVIEWED). The earlier review
 * is cleared: a resubmitted change is reviewed afresh.
 */
export async function returnChangeRequest({
  changeRequestId,
  staffId,
  reason,
  now = new Date(),
}: {
  changeRequestId: string;
  staffId: string;
  /** already normalised (ZReturnChangeSchema) */
  reason: string;
  now?: Date;
}): Promise<void> {
  if (!reason.trim()) throw new DomainError("VALIDATION", { reason: "required" });
  await db.$transaction(async (tx) => {
    const staff = await loadActingStaff(tx, { staffId, roles: ["REVIEWER", "APPROVER"] });
    const allowed: ChangeStatus[] = staff.role === "REVIEWER" ? ["SUBMITTED", "REVIEWED"] : ["REVIEWED"];
    const cr = await tx.changeRequest.findUnique({
      where: { id: changeRequestId },
      select: {
        status: true,
        kind: true,
        reviewedById: true,
        contract: { select: { contractNumber: true, workName: true } },
        company: { select: { name: true, email: true } },
      },
    });
    if (!cr || cr.status === "DRAFT") throw new DomainError("NOT_FOUND", { changeRequestId });
    if (!allowed.includes(cr.status)) throw new DomainError("INVALID_STATE", { changeRequestId, status: cr.status });

    const updated = await tx.changeRequest.updateMany({
      where: { id: changeRequestId, status: cr.status },
      data: { status: "RETURNED", returnReason: reason, reviewedById: null, reviewedAt: null },
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", { changeRequestId });

    await enqueueMail(tx, {
      template: "APPLICATION_RETURNED",
      to: cr.company.email,
      data: {
        companyName: cr.company.name,
        workName: cr.contract.workName,
        reason,
        applicationId: changeRequestId,
        changeOf: { contractNumber: cr.contract.contractNumber, changeLabel: CHANGE_KIND_LABELS[cr.kind] },
      },
    });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.id,
      actorLabel: staff.staffId,
      action: "change.return",
      entityType: "ChangeRequest",
      entityId: changeRequestId,
      before: { status: cr.status, reviewedById: cr.reviewedById },
      after: { status: "RETURNED", returnReason: reason, at: now },
    });
  });
}
