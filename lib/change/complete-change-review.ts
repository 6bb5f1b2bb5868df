import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { todayJst } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import { loadRateTables } from "@/lib/rate-table/load-rate-tables";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { checkChangeValues } from "./check-change-values";
import { loadChangeContext } from "./load-change-context";
import { contractStateOf, planChange } from "./plan-change";
import { changeValuesOf, requestedChangeOf } from "./to-change-values";

/**
 * 審査完了 of a change: a REVIEWER confirms a submitted change is ready for the approver (SUBMITTED → REVIEWED). It is
 * refused while anything would stop the approval (the guarantee was cancelled, a rule no longer holds, no rate
 * table): such a change is to be returned (差戻し) instead. A repeated click by the same reviewer is a no-op.
 */
export async function completeChangeReview({
  changeRequestId,
  reviewerId,
  now = new Date(),
}: {
  changeRequestId: string;
  reviewerId: string;
  now?: Date;
}): Promise<{ alreadyReviewed: boolean }> {
  return db.$transaction(async (tx) => {
    const reviewer = await loadActingStaff(tx, { staffId: reviewerId, roles: ["REVIEWER"] });
    const cr = await tx.changeRequest.findUnique({
      where: { id: changeRequestId },
      select: {
        id: true,
        status: true,
        reviewedById: true,
        companyId: true,
        contractId: true,
        kind: true,
        newContractAmount: true,
        newGuaranteeAmount: true,
        newPeriodTo: true,
        newCompanyName: true,
        newAddress: true,
        changeContractDate: true,
      },
    });
    if (!cr || cr.status === "DRAFT") throw new DomainError("NOT_FOUND", { changeRequestId });
    if (cr.status === "REVIEWED" && cr.reviewedById === reviewer.id) return { alreadyReviewed: true };
    if (cr.status !== "SUBMITTED") throw new DomainError("INVALID_STATE", { changeRequestId, status: cr.status });

    const loaded = await loadChangeContext({ companyId: cr.companyId, contractId: cr.contractId, client: tx, now });
    if (!loaded) throw new DomainError("NOT_FOUND", { changeRequestId });
    if (loaded.lifecycleStatus === "CANCELLED") {
      throw new DomainError("INVALID_STATE", { blockers: ["この保証は解約されています"] }, "この保証は解約されています");
    }
    const problems = checkChangeValues(loaded.context, changeValuesOf(cr), todayJst(now)).map((i) => i.message);
    const plan = planChange({
      contract: contractStateOf(loaded.context),
      request: requestedChangeOf(cr),
      rateTables: await loadRateTables({ client: tx, fresh: true }),
      onDate: todayJst(now),
    });
    const blockers = [...problems, ...plan.blockers];
    if (blockers.length > 0) throw new DomainError("INVALID_STATE", { blockers }, blockers[0]);

    const updated = await tx.changeRequest.updateMany({
      where: { id: cr.id, status: "SUBMITTED" },
      data: { status: "REVIEWED", reviewedById: reviewer.id, reviewedAt: now },
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", { changeRequestId });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: reviewer.id,
      actorLabel: reviewer.staffId,
      action: "change.review",
      entityType: "ChangeRequest",
      entityId: cr.id,
      before: { status: "SUBMITTED" },
      after: { status: "REVIEWED", reviewedById: reviewer.id, reviewedAt: now, feeDifference: plan.fee.difference, summary: plan.summary },
    });
    return { alreadyReviewed: false };
  });
}
