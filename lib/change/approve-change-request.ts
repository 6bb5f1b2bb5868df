import "server-only";
import { wakeRegistrationDispatcher } from "@/lib/certificate/start-registration-dispatcher";
import { db, type Tx } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { issueCertificateVersion } from "@/lib/certificate/issue-certificate-version";
import { todayJst } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import { createRefundStatement } from "@/lib/fee-statement/create-refund-statement";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { loadRateTables } from "@/lib/rate-table/load-rate-tables";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { checkChangeValues } from "./check-change-values";
import { loadChangeContext } from "./load-change-context";
import { contractStateOf, planChange } from "./plan-change";
import { changeValuesOf, requestedChangeOf } from "./to-change-values";

export type ApproveChangeRequestResult = {
  changeRequestId: string;
  /** true when the change had already been approved (a double click or a retried request) */
  alreadyApproved: boolean;
  contractId: string;
  contractNumber: string;
  /** the 版 the approval issued */
  version: number;
  /** + charged, − refunded */
  feeDifference: bigint;
  refundStatementId: string | null;
};

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * 承認 of a change (maker–checker: an APPROVER other than its reviewer). In ONE transaction: claim the change, apply
 * it to the guarantee (amounts, 工期・保証期間, or the company's name and address), issue the next 版 of the 電子証書
 * under the same 保証契約番号 (signed like the first; the earlier 版 is superseded), record the 保証料 difference
 * (a 保証料返還計算書 for a refund), and queue 「変更後の電子証書登録のお知らせ」 (電子交付) or the task
 * 「保証証書の印刷・発送」 (書面), with the audit rows. The 認証キー stays the same.
 *
 * Calling it again for an approved change returns what the first call did instead of failing.
 */
export async function approveChangeRequest({
  changeRequestId,
  approverId,
  now = new Date(),
}: {
  changeRequestId: string;
  approverId: string;
  now?: Date;
}): Promise<ApproveChangeRequestResult> {
  const result = await db.$transaction(async (tx) => {
    const approver = await loadActingStaff(tx, { staffId: approverId, roles: ["APPROVER"] });

    // The claim: only one request can move REVIEWED → APPROVED, and never the reviewer's own.
    const claimed = await tx.changeRequest.updateMany({
      where: { id: changeRequestId, status: "REVIEWED", reviewedById: { not: approver.id } },
      data: { status: "APPROVED", approvedById: approver.id, approvedAt: now },
    });
    if (claimed.count === 0) return explainUnclaimed(tx, changeRequestId, approver.id);

    const cr = await tx.changeRequest.findUniqueOrThrow({
      where: { id: changeRequestId },
      select: {
        id: true,
        kind: true,
        companyId: true,
        contractId: true,
        reviewedById: true,
        newContractAmount: true,
        newGuaranteeAmount: true,
        newPeriodTo: true,
        newCompanyName: true,
        newAddress: true,
        changeContractDate: true,
      },
    });
    // Row lock: no other version, key or cancellation of this guarantee is written meanwhile.
    await tx.$queryRaw`SELECT "id" FROM "GuaranteeContract" WHERE "id" = ${cr.contractId}::uuid FOR UPDATE`;
    const loaded = await loadChangeContext({ companyId: cr.companyId, contractId: cr.contractId, client: tx, now });
    if (!loaded) throw new DomainError("NOT_FOUND", { changeRequestId });
    if (loaded.lifecycleStatus === "CANCELLED") {
      throw new DomainError("INVALID_STATE", { blockers: ["この保証は解約されています"] }, "この保証は解約されています");
    }
    const today = todayJst(now);
    const problems = checkChangeValues(loaded.context, changeValuesOf(cr), today).map((i) => i.message);
    const before = contractStateOf(loaded.context);
    const plan = planChange({
      contract: before,
      request: requestedChangeOf(cr),
      rateTables: await loadRateTables({ client: tx, fresh: true }),
      onDate: today,
    });
    const blockers = [...problems, ...plan.blockers];
    if (blockers.length > 0) {
      const noRateTable = problems.length === 0 && (cr.kind === "INCREASE" || cr.kind === "DECREASE") && plan.fee.computed === null;
      throw new DomainError(noRateTable ? "NO_RATE_TABLE" : "INVALID_STATE", { blockers }, blockers[0]);
    }

    const contract = await tx.guaranteeContract.update({
      where: { id: cr.contractId },
      data: {
        contractAmount: plan.after.contractAmount,
        guaranteeAmount: plan.after.guaranteeAmount,
        workPeriodTo: plan.after.workPeriodTo === null ? null : date(plan.after.workPeriodTo),
        periodTo: date(plan.after.periodTo),
        fee: plan.after.fee,
        ...(plan.fee.computed ? { rateTableId: plan.fee.computed.rateTable.id } : {}),
      },
      select: { contractNumber: true, workName: true, deliveryMethod: true, guaranteeType: true },
    });
    if (cr.kind === "CONTRACTOR_INFO") {
      await tx.company.update({ where: { id: cr.companyId }, data: { name: plan.after.companyName, address: plan.after.address } });
    }
    const company = await tx.company.findUniqueOrThrow({ where: { id: cr.companyId }, select: { name: true, email: true } });

    const version = await issueCertificateVersion(tx, {
      contractId: cr.contractId,
      version: loaded.currentVersion + 1,
      issuedAt: now,
      changeSummary: plan.summary,
      changeRequestId: cr.id,
    });

    await tx.changeRequest.update({
      where: { id: cr.id },
      data: {
        feeDifference: plan.fee.difference,
        previousContractAmount: before.contractAmount,
        previousGuaranteeAmount: before.guaranteeAmount,
        previousPeriodTo: date(before.periodTo),
        previousCompanyName: before.companyName,
        previousAddress: before.address,
        previousFee: plan.fee.before,
        newFee: plan.fee.after,
      },
    });

    let refundStatementId: string | null = null;
    if (plan.fee.difference < 0n) {
      refundStatementId = (
        await createRefundStatement(tx, {
          companyId: cr.companyId,
          companyName: company.name,
          companyEmail: company.email,
          changeRequestId: cr.id,
          contractId: cr.contractId,
          guaranteeAmountAfter: plan.after.guaranteeAmount,
          refund: -plan.fee.difference,
          now,
        })
      ).id;
    }

    let printTaskId: string | null = null;
    if (contract.deliveryMethod === "ELECTRONIC") {
      await enqueueMail(tx, {
        template: "CERTIFICATE_CHANGED",
        to: company.email,
        awaitsRegistrationId: version.registrationId,
        data: {
          companyName: company.name,
          contractNumber: contract.contractNumber,
          workName: contract.workName,
          version: version.version,
          changeLabel: plan.summary,
        },
      });
    } else {
      printTaskId = (await tx.staffTask.create({ data: { kind: "PRINT_AND_SHIP", contractId: cr.contractId }, select: { id: true } })).id;
    }

    const audit = {
      actorType: "STAFF" as const,
      actorId: approver.id,
      actorLabel: approver.staffId,
      before: { status: "REVIEWED", reviewedById: cr.reviewedById, ...before, version: loaded.currentVersion },
      after: {
        status: "APPROVED",
        changeRequestId: cr.id,
        kind: cr.kind,
        ...plan.after,
        summary: plan.summary,
        feeDifference: plan.fee.difference,
        feeBreakdown: plan.fee.computed?.result.breakdown ?? null,
        rateTableId: plan.fee.computed?.rateTable.id ?? null,
        version: version.version,
        contentHash: version.contentHash,
        signingKeyId: version.signingKeyId,
        refundStatementId,
        printTaskId,
      },
    };
    await writeAudit(tx, { ...audit, action: "change.approve", entityType: "ChangeRequest", entityId: cr.id });
    await writeAudit(tx, { ...audit, action: "contract.change", entityType: "GuaranteeContract", entityId: cr.contractId });

    return {
      changeRequestId: cr.id,
      alreadyApproved: false,
      contractId: cr.contractId,
      contractNumber: contract.contractNumber,
      version: version.version,
      feeDifference: plan.fee.difference,
      refundStatementId,
    };
  }, TRANSACTION_OPTIONS);
  wakeRegistrationDispatcher(); // deliver the queued registration now
  return result;
}

async function explainUnclaimed(tx: Tx, changeRequestId: string, approverId: string): Promise<ApproveChangeRequestResult> {
  const cr = await tx.changeRequest.findUnique({
    where: { id: changeRequestId },
    select: {
      status: true,
      reviewedById: true,
      contractId: true,
      feeDifference: true,
      contract: { select: { contractNumber: true } },
      version: { select: { version: true } },
      feeStatement: { select: { id: true } },
    },
  });
  if (!cr || cr.status === "DRAFT") throw new DomainError("NOT_FOUND", { changeRequestId });
  if (cr.status === "APPROVED") {
    return {
      changeRequestId,
      alreadyApproved: true,
      contractId: cr.contractId,
      contractNumber: cr.contract.contractNumber,
      version: cr.version?.version ?? 0,
      feeDifference: cr.feeDifference ?? 0n,
      refundStatementId: cr.feeStatement?.id ?? null,
    };
  }
  if (cr.status === "REVIEWED" && cr.reviewedById === approverId) {
    throw new DomainError("SAME_PERSON_REVIEW_AND_APPROVAL", { changeRequestId });
  }
  throw new DomainError("INVALID_STATE", { changeRequestId, status: cr.status });
}
