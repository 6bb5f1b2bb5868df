import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";

const WITHDRAWABLE = ["SUBMITTED", "RETURNED", "REVIEWED"] as const;

/**
 * 取下げ: the contractor gives up a change that is still in hand (審査中 or 差戻し), which frees the guarantee for
 * another change. Withdrawing twice is a no-op; an approved change cannot be withdrawn (INVALID_STATE).
 */
export async function withdrawChangeRequest({
  companyId,
  userId,
  loginId,
  changeRequestId,
}: {
  companyId: string;
  userId: string;
  loginId: string;
  changeRequestId: string;
}): Promise<{ alreadyWithdrawn: boolean }> {
  return db.$transaction(async (tx) => {
    const cr = await tx.changeRequest.findFirst({ where: { id: changeRequestId, companyId }, select: { id: true, status: true } });
    if (!cr) throw new DomainError("NOT_FOUND", { changeRequestId });
    if (cr.status === "WITHDRAWN") return { alreadyWithdrawn: true };
    const updated = await tx.changeRequest.updateMany({
      where: { id: cr.id, companyId, status: { in: [...WITHDRAWABLE] } },
      data: { status: "WITHDRAWN" },
    });
    if (updated.count === 0) throw new DomainError("INVALID_STATE", { status: cr.status });
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: loginId,
      action: "change.withdraw",
      entityType: "ChangeRequest",
      entityId: cr.id,
      before: { status: cr.status },
      after: { status: "WITHDRAWN" },
    });
    return { alreadyWithdrawn: false };
  });
}
