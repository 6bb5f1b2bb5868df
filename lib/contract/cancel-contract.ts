import "server-only";
import { wakeRegistrationDispatcher } from "@/lib/certificate/start-registration-dispatcher";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { formatWareki, todayJst, toIsoDate } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { enqueueCertificateRegistration } from "@/lib/certificate/enqueue-certificate-registration";

/**
 * 解約 (ADMIN or APPROVER): the guarantee ends before its 保証期間 does. In one transaction the contract becomes
 * CANCELLED with the 解約日 and reason, its current 版 is stamped cancelledAt, changes still in hand are withdrawn,
 * and an audit row is written; an electronic certificate's 解約 is registered with D-Sure (a CANCEL entry). The 認証キー keeps working on purpose: D-Sure must show the orderer 「解約」 rather than
 * a generic failure. Cancelling twice returns the first cancellation.
 *
 * The 解約日 lies between the start of the 保証期間 and today (JST); otherwise VALIDATION with `fieldErrors`.
 */
export async function cancelContract({
  contractId,
  staffId,
  cancelDate,
  reason,
  now = new Date(),
}: {
  contractId: string;
  staffId: string;
  /** YYYY-MM-DD */
  cancelDate: string;
  /** already normalised (ZCancelContractSchema) */
  reason: string;
  now?: Date;
}): Promise<{ alreadyCancelled: boolean; cancelDate: string }> {
  if (!reason.trim()) throw new DomainError("VALIDATION", { fieldErrors: { reason: ["解約の理由を入力してください"] } });
  const result = await db.$transaction(async (tx) => {
    const staff = await loadActingStaff(tx, { staffId, roles: ["ADMIN", "APPROVER"] });
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "GuaranteeContract" WHERE "id" = ${contractId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new DomainError("NOT_FOUND", { contractId });
    const c = await tx.guaranteeContract.findUniqueOrThrow({
      where: { id: contractId },
      select: { status: true, cancelDate: true, periodFrom: true, periodTo: true, currentVersion: true, contractNumber: true, deliveryMethod: true },
    });
    if (c.status === "CANCELLED") return { alreadyCancelled: true, cancelDate: c.cancelDate ? toIsoDate(c.cancelDate) : cancelDate };

    const from = toIsoDate(c.periodFrom);
    const today = todayJst(now);
    if (cancelDate > today) throw new DomainError("VALIDATION", { fieldErrors: { cancelDate: ["解約日に未来の日付は入力できません"] } });
    if (cancelDate < from) {
      throw new DomainError("VALIDATION", {
        fieldErrors: { cancelDate: [`解約日は保証期間の始期（${formatWareki(from)}）以降の日付を入力してください`] },
      });
    }

    await tx.guaranteeContract.update({
      where: { id: contractId },
      data: { status: "CANCELLED", cancelledAt: now, cancelDate: new Date(`${cancelDate}T00:00:00Z`), cancelReason: reason },
    });
    await tx.certificateVersion.updateMany({ where: { contractId, version: c.currentVersion }, data: { cancelledAt: now } });
    if (c.deliveryMethod === "ELECTRONIC") {
      await enqueueCertificateRegistration(tx, { contractId, contractNumber: c.contractNumber, at: now, entry: { kind: "CANCEL", data: { cancelDate, reason } } });
    }
    const withdrawn = await tx.changeRequest.updateMany({
      where: { contractId, status: { in: ["SUBMITTED", "RETURNED", "REVIEWED"] } },
      data: { status: "WITHDRAWN" },
    });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.id,
      actorLabel: staff.staffId,
      action: "contract.cancel",
      entityType: "GuaranteeContract",
      entityId: contractId,
      before: { status: "ACTIVE", periodTo: toIsoDate(c.periodTo), currentVersion: c.currentVersion },
      after: { status: "CANCELLED", contractNumber: c.contractNumber, cancelDate, cancelReason: reason, withdrawnChanges: withdrawn.count },
    });
    return { alreadyCancelled: false, cancelDate };
  });
  wakeRegistrationDispatcher(); // deliver the queued registration now
  return result;
}
