import "server-only";
import { APPLICATION_FOR_PLAN_SELECT } from "./application-for-plan-select";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { planGuarantees } from "@/lib/contract/plan-guarantees";
import { todayJst } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import { loadRateTables } from "@/lib/rate-table/load-rate-tables";
import { loadActingStaff } from "./load-acting-staff";

/**
 * 審査完了: a REVIEWER confirms a submitted application is ready to be concluded (SUBMITTED → REVIEWED). It is refused
 * while anything would stop the conclusion (a missing field, no rate table, 電子交付 not allowed): such an
 * application is to be returned (差戻し) instead. A repeated click by the same reviewer is a no-op.
 */
export async function completeReview({
  applicationId,
  reviewerId,
  now = new Date(),
}: {
  applicationId: string;
  reviewerId: string;
  now?: Date;
}): Promise<{ alreadyReviewed: boolean }> {
  return db.$transaction(async (tx) => {
    const reviewer = await loadActingStaff(tx, { staffId: reviewerId, roles: ["REVIEWER"] });
    const a = await tx.guaranteeApplication.findUnique({
      where: { id: applicationId },
      select: {
        status: true,
        reviewedById: true,
        ...APPLICATION_FOR_PLAN_SELECT,
      },
    });
    if (!a || a.status === "DRAFT") throw new DomainError("NOT_FOUND", { applicationId });
    if (a.status === "REVIEWED" && a.reviewedById === reviewer.id) return { alreadyReviewed: true };
    if (a.status !== "SUBMITTED") throw new DomainError("INVALID_STATE", { applicationId, status: a.status });

    const plan = planGuarantees({
      application: a,
      rule: a.orderer?.deliveryRule ?? null,
      rateTables: await loadRateTables({ client: tx, fresh: true }),
      onDate: todayJst(now),
    });
    if (plan.blockers.length > 0) {
      const first = plan.blockers[0]!;
      throw new DomainError(first.code, { blockers: plan.blockers.map((b) => b.message) }, first.message);
    }

    // Conditional on the status read above: a concurrent 差戻し or 審査完了 makes this match nothing.
    const updated = await tx.guaranteeApplication.updateMany({
      where: { id: applicationId, status: "SUBMITTED" },
      data: { status: "REVIEWED", reviewedById: reviewer.id, reviewedAt: now, lockVersion: { increment: 1 } },
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", { applicationId });

    await tx.applicationEvent.create({
      data: { applicationId, type: "REVIEWED", actorType: "STAFF", actorId: reviewer.id, createdAt: now },
    });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: reviewer.id,
      actorLabel: reviewer.staffId,
      action: "application.review",
      entityType: "GuaranteeApplication",
      entityId: applicationId,
      before: { status: "SUBMITTED" },
      after: { status: "REVIEWED", reviewedById: reviewer.id, reviewedAt: now, totalFee: plan.totalFee },
    });
    return { alreadyReviewed: false };
  });
}
