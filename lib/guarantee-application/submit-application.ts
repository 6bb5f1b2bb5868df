import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { checkApplicationSubmittable } from "@/lib/guarantee-application/check-application-submittable";
import { getApplicationForCompany } from "@/lib/guarantee-application/get-application-for-company";
import { EDITABLE_STATUSES } from "@/lib/guarantee-application/menu-slugs";
import { enqueueMail } from "@/lib/mail/enqueue-mail";

export type SubmitApplicationResult = { outcome: "SUBMITTED" | "ALREADY_SUBMITTED"; id: string };

const ALREADY_SUBMITTED_STATUSES: readonly string[] = ["SUBMITTED", "REVIEWED", "CONCLUDED"];

/**
 * 申込む: 保存中 or 差戻し → 審査中, with its ApplicationEvent (SUBMITTED, or RESUBMITTED after 差戻し), the mail
 * 保証申込受付のお知らせ and an audit row, in one transaction.
 *
 * `lockVersion` is the version the contractor saw on the confirmation screen: the update is conditional on it and on
 * the status, so a double click submits once (the second call gets ALREADY_SUBMITTED, never a second event) and a
 * draft changed in another tab after confirming is not submitted unseen (CONFLICT).
 *
 * Throws NOT_FOUND, INVALID_STATE (取下げ), CONFLICT, VALIDATION (`details.fieldErrors`) and
 * NOT_ELIGIBLE_FOR_ELECTRONIC (`details.reason`).
 */
export async function submitApplication({
  companyId,
  userId,
  loginId,
  applicationId,
  lockVersion,
}: {
  companyId: string;
  userId: string;
  loginId: string;
  applicationId: string;
  lockVersion: number;
}): Promise<SubmitApplicationResult> {
  return db.$transaction(async (tx) => {
    const application = await getApplicationForCompany({ companyId, applicationId, client: tx });
    if (ALREADY_SUBMITTED_STATUSES.includes(application.status)) return { outcome: "ALREADY_SUBMITTED", id: application.id };
    if (!(EDITABLE_STATUSES as readonly string[]).includes(application.status)) {
      throw new DomainError("INVALID_STATE", { status: application.status });
    }
    if (application.lockVersion !== lockVersion) throw new DomainError("CONFLICT", { lockVersion: application.lockVersion });

    const check = await checkApplicationSubmittable({ companyId, applicationId: application.id, client: tx });
    if (!check.ok) {
      if (check.ineligible) {
        throw new DomainError("NOT_ELIGIBLE_FOR_ELECTRONIC", { ...check.ineligible, fieldErrors: check.fieldErrors });
      }
      throw new DomainError("VALIDATION", { fieldErrors: check.fieldErrors });
    }

    const now = new Date();
    const { count } = await tx.guaranteeApplication.updateMany({
      where: { id: application.id, companyId, status: application.status, lockVersion },
      data: {
        status: "SUBMITTED",
        submittedAt: now,
        lockVersion: { increment: 1 },
        ordererId: check.base?.ordererId ?? application.ordererId,
        // Menu 3: the 前払金額 is the base 前払金保証's as it stands now (it may have been increased since saving).
        ...(application.menu === "INTERMEDIATE" && check.base ? { advanceAmount: check.base.guaranteeAmount } : {}),
        ...(application.menu === "ADVANCE" && !application.withContractGuarantee ? { contractGuaranteeAmount: null } : {}),
      },
    });
    if (count === 0) {
      // Another request got there first (double click, second tab): report what it did instead of failing.
      const now2 = await tx.guaranteeApplication.findUniqueOrThrow({ where: { id: application.id }, select: { status: true } });
      if (ALREADY_SUBMITTED_STATUSES.includes(now2.status)) return { outcome: "ALREADY_SUBMITTED", id: application.id };
      throw new DomainError("CONFLICT", {});
    }

    const resubmitted = application.status === "RETURNED";
    await tx.applicationEvent.create({
      data: {
        applicationId: application.id,
        type: resubmitted ? "RESUBMITTED" : "SUBMITTED",
        actorType: "CONTRACTOR",
        actorId: userId,
      },
    });
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true, email: true } });
    await enqueueMail(tx, {
      template: "APPLICATION_RECEIVED",
      to: company.email,
      data: { companyName: company.name, workName: application.workName ?? "", applicationId: application.id },
    });
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: loginId,
      action: resubmitted ? "application.resubmit" : "application.submit",
      entityType: "GuaranteeApplication",
      entityId: application.id,
      before: { status: application.status, lockVersion },
      after: { status: "SUBMITTED", submittedAt: now, lockVersion: lockVersion + 1 },
    });
    return { outcome: "SUBMITTED", id: application.id };
  });
}
