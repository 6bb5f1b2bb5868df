import "server-only";
import { wakeRegistrationDispatcher } from "@/lib/certificate/start-registration-dispatcher";
import { db, type Tx } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { issueAuthKey } from "@/lib/auth-key/issue-auth-key";
import { issueCertificateVersion } from "@/lib/certificate/issue-certificate-version";
import { fiscalYearOf } from "@/lib/contract-number/fiscal-year-of";
import { todayJst } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import type { GuaranteeType } from "@/lib/generated/prisma/enums";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { loadRateTables } from "@/lib/rate-table/load-rate-tables";
import { APPLICATION_FOR_PLAN_SELECT } from "@/lib/review/application-for-plan-select";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { allocateContractNumber } from "./allocate-contract-number";
import { planGuarantees } from "./plan-guarantees";
import { runInConclusionSlot } from "./run-in-conclusion-slot";

export type ConcludedContract = { id: string; contractNumber: string; guaranteeType: GuaranteeType };
export type ConcludeContractResult = {
  applicationId: string;
  /** true when the application had already been concluded (a double click or a retried request) */
  alreadyConcluded: boolean;
  contracts: ConcludedContract[];
};

/**
 * Waiting for a pooled connection and for the 年度's number lock behind other approvers is expected, so both limits
 * are generous; a conclusion that still exceeds them rolls back and can simply be retried.
 */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

/**
 * 保証契約締結 (maker–checker): an APPROVER other than the reviewer concludes a REVIEWED application. In ONE transaction:
 * claim the application, allocate a 保証契約番号 per guarantee type, store the contracts with the fee from the rate
 * table in force on the conclusion date (JST), issue 版 1 of each 電子証書, and — for 電子交付 — a 認証キー and the mail
 * 「電子証書・認証キー登録のお知らせ」, or — for 書面 — the task 「保証証書の印刷・発送」; the history event and audit rows
 * go in the same transaction. Any failure leaves nothing behind (no number, contract, key, mail or audit row).
 *
 * Calling it again for a concluded application returns the existing contracts instead of failing.
 */
export async function concludeContract({
  applicationId,
  approverId,
  now = new Date(),
  faultAfterNumber,
  faultBeforeCommit,
}: {
  applicationId: string;
  approverId: string;
  now?: Date;
  /** Test hook: runs right after the first 保証契約番号 is allocated; throw from it to simulate a failure there. */
  faultAfterNumber?: () => void | Promise<void>;
  /** Test hook: runs after everything is written, just before the transaction commits. */
  faultBeforeCommit?: () => void | Promise<void>;
}): Promise<ConcludeContractResult> {
  const result = await runInConclusionSlot(() =>
    db.$transaction((tx) => concludeIn(tx, { applicationId, approverId, now, faultAfterNumber, faultBeforeCommit }), TRANSACTION_OPTIONS),
  );
  wakeRegistrationDispatcher(); // deliver the queued registrations now
  return result;
}

async function concludeIn(
  tx: Tx,
  {
    applicationId,
    approverId,
    now,
    faultAfterNumber,
    faultBeforeCommit,
  }: {
    applicationId: string;
    approverId: string;
    now: Date;
    faultAfterNumber?: () => void | Promise<void>;
    faultBeforeCommit?: () => void | Promise<void>;
  },
): Promise<ConcludeContractResult> {
  const approver = await loadActingStaff(tx, { staffId: approverId, roles: ["APPROVER"] });

  // The claim: only one request can move REVIEWED → CONCLUDED, and never the reviewer's own.
  const claimed = await tx.guaranteeApplication.updateMany({
    where: { id: applicationId, status: "REVIEWED", reviewedById: { not: approverId } },
    data: { status: "CONCLUDED", approvedById: approverId, concludedAt: now, lockVersion: { increment: 1 } },
  });
  if (claimed.count === 0) return explainUnclaimed(tx, applicationId, approverId);

  const a = await tx.guaranteeApplication.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      ...APPLICATION_FOR_PLAN_SELECT,
      id: true,
      companyId: true,
      workLocation: true,
      reviewedById: true,
      company: { select: { name: true, email: true } },
    },
  });

  const concludedOn = todayJst(now);
  const plan = planGuarantees({
    application: a,
    rule: a.orderer?.deliveryRule ?? null,
    rateTables: await loadRateTables({ client: tx, fresh: true }),
    onDate: concludedOn,
  });
  if (plan.blockers.length > 0) {
    const first = plan.blockers[0]!;
    throw new DomainError(first.code, { blockers: plan.blockers.map((b) => b.message) }, first.message);
  }
  // planGuarantees reports every missing field as a blocker, so past this point the fields are present.
  const period = plan.period!;
  const deliveryMethod = a.deliveryMethod!;

  const fiscalYear = fiscalYearOf(now);
  const contracts: ConcludedContract[] = [];
  for (const [i, g] of plan.guarantees.entries()) {
    if (!g.fee.ok || g.guaranteeAmount === null) throw new Error("unreachable: plan without blockers has every fee");
    const number = await allocateContractNumber(tx, { fiscalYear });
    if (i === 0) await faultAfterNumber?.();

    const contract = await tx.guaranteeContract.create({
      data: {
        contractNumber: number.contractNumber,
        fiscalYear: number.fiscalYear,
        sequence: number.sequence,
        applicationId: a.id,
        companyId: a.companyId,
        guaranteeType: g.guaranteeType,
        deliveryMethod,
        ordererId: a.ordererId!,
        departmentId: a.departmentId!,
        workName: a.workName!,
        workLocation: a.workLocation,
        contractDate: a.contractDate,
        workPeriodFrom: a.periodFrom,
        workPeriodTo: a.periodTo,
        contractAmount: a.contractAmount!,
        guaranteeAmount: g.guaranteeAmount,
        periodFrom: new Date(`${period.from}T00:00:00Z`),
        periodTo: new Date(`${period.to}T00:00:00Z`),
        fee: BigInt(g.fee.result.fee),
        rateTableId: g.fee.rateTable.id,
        concludedAt: now,
        approvedById: approverId,
      },
      select: { id: true, contractNumber: true, guaranteeType: true },
    });
    const certificate = await issueCertificateVersion(tx, { contractId: contract.id, version: 1, issuedAt: now });

    let authKeyId: string | null = null;
    let taskId: string | null = null;
    if (deliveryMethod === "ELECTRONIC") {
      const key = await issueAuthKey(tx, { contractId: contract.id, issuedByStaffId: approverId, now });
      authKeyId = key.id;
      // 「電子証書・認証キー登録のお知らせ」 goes out once D-Sure has accepted the chain up to the key.
      await enqueueMail(tx, {
        template: "CERTIFICATE_REGISTERED",
        to: a.company.email,
        awaitsRegistrationId: key.registrationId,
        data: {
          companyName: a.company.name,
          contractNumber: contract.contractNumber,
          workName: a.workName!,
          guaranteeTypeLabel: GUARANTEE_TYPE_LABELS[g.guaranteeType],
        },
      });
    } else {
      taskId = (await tx.staffTask.create({ data: { kind: "PRINT_AND_SHIP", contractId: contract.id }, select: { id: true } })).id;
    }

    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: approver.id,
      actorLabel: approver.staffId,
      action: "contract.conclude",
      entityType: "GuaranteeContract",
      entityId: contract.id,
      before: { applicationId: a.id, applicationStatus: "REVIEWED", reviewedById: a.reviewedById },
      after: {
        applicationStatus: "CONCLUDED",
        contractNumber: contract.contractNumber,
        guaranteeType: g.guaranteeType,
        deliveryMethod,
        guaranteeAmount: g.guaranteeAmount,
        contractAmount: a.contractAmount,
        periodFrom: period.from,
        periodTo: period.to,
        fee: g.fee.result.fee,
        rateTableId: g.fee.rateTable.id,
        feeBreakdown: g.fee.result.breakdown,
        certificateVersion: certificate.version,
        contentHash: certificate.contentHash,
        signingKeyId: certificate.signingKeyId,
        authKeyIssued: authKeyId !== null,
        printTaskId: taskId,
      },
    });
    contracts.push(contract);
  }

  await tx.applicationEvent.create({
    data: {
      applicationId: a.id,
      type: "CONCLUDED",
      actorType: "STAFF",
      actorId: approver.id,
      note: `保証契約番号 ${contracts.map((c) => c.contractNumber).join("、")}`,
      createdAt: now,
    },
  });
  await faultBeforeCommit?.();
  return { applicationId: a.id, alreadyConcluded: false, contracts };
}

async function explainUnclaimed(tx: Tx, applicationId: string, approverId: string): Promise<ConcludeContractResult> {
  const app = await tx.guaranteeApplication.findUnique({
    where: { id: applicationId },
    select: {
      status: true,
      reviewedById: true,
      contracts: { orderBy: { contractNumber: "asc" }, select: { id: true, contractNumber: true, guaranteeType: true } },
    },
  });
  if (!app) throw new DomainError("NOT_FOUND", { applicationId });
  if (app.status === "CONCLUDED") return { applicationId, alreadyConcluded: true, contracts: app.contracts };
  if (app.status === "REVIEWED" && app.reviewedById === approverId) {
    throw new DomainError("SAME_PERSON_REVIEW_AND_APPROVAL", { applicationId });
  }
  throw new DomainError("INVALID_STATE", { applicationId, status: app.status });
}
