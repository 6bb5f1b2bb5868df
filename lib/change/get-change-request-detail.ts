import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { toIsoDate } from "@/lib/dates";
import type { ChangeRequestDetail } from "./change-request-detail";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One change after conclusion. With `companyId` (e-Net保証) another company's change is null, exactly like a missing
 * one; without it (the back office) any change is returned — the caller checks the staff role.
 */
export async function getChangeRequestDetail({
  changeRequestId,
  companyId,
  db = appDb,
}: {
  changeRequestId: string;
  companyId?: string;
  db?: Db;
}): Promise<ChangeRequestDetail | null> {
  if (!UUID.test(changeRequestId)) return null;
  const r = await db.changeRequest.findUnique({
    where: { id: changeRequestId },
    select: {
      id: true,
      kind: true,
      status: true,
      companyId: true,
      createdById: true,
      newContractAmount: true,
      newGuaranteeAmount: true,
      newPeriodTo: true,
      newCompanyName: true,
      newAddress: true,
      changeContractDate: true,
      reason: true,
      returnReason: true,
      submittedAt: true,
      reviewedAt: true,
      approvedAt: true,
      feeDifference: true,
      newFee: true,
      previousContractAmount: true,
      previousGuaranteeAmount: true,
      previousPeriodTo: true,
      previousCompanyName: true,
      previousAddress: true,
      previousFee: true,
      reviewedBy: { select: { id: true, name: true, staffId: true } },
      approvedBy: { select: { id: true, name: true, staffId: true } },
      version: { select: { version: true } },
      feeStatement: { select: { id: true } },
      company: { select: { name: true, address: true } },
      contract: {
        select: { id: true, contractNumber: true, guaranteeType: true, deliveryMethod: true, workName: true, contractAmount: true, guaranteeAmount: true, periodTo: true, fee: true },
      },
    },
  });
  if (!r || r.status === "DRAFT" || (companyId !== undefined && r.companyId !== companyId)) return null;
  const createdBy = await db.contractorUser.findUnique({ where: { id: r.createdById }, select: { name: true, customerId: true } });
  const approved = r.status === "APPROVED";
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    contractId: r.contract.id,
    contractNumber: r.contract.contractNumber,
    guaranteeType: r.contract.guaranteeType,
    deliveryMethod: r.contract.deliveryMethod,
    workName: r.contract.workName,
    companyName: r.company.name,
    requested: {
      contractAmount: r.newContractAmount,
      guaranteeAmount: r.newGuaranteeAmount,
      periodTo: r.newPeriodTo ? toIsoDate(r.newPeriodTo) : null,
      companyName: r.newCompanyName,
      address: r.newAddress,
    },
    before: {
      contractAmount: (approved ? r.previousContractAmount : null) ?? r.contract.contractAmount,
      guaranteeAmount: (approved ? r.previousGuaranteeAmount : null) ?? r.contract.guaranteeAmount,
      periodTo: toIsoDate((approved ? r.previousPeriodTo : null) ?? r.contract.periodTo),
      companyName: (approved ? r.previousCompanyName : null) ?? r.company.name,
      address: (approved ? r.previousAddress : null) ?? r.company.address,
      fee: (approved ? r.previousFee : null) ?? r.contract.fee,
    },
    changeContractDate: toIsoDate(r.changeContractDate),
    reason: r.reason,
    returnReason: r.returnReason,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
    reviewedBy: r.reviewedBy,
    approvedAt: r.approvedAt,
    approvedBy: r.approvedBy,
    feeDifference: r.feeDifference,
    newFee: r.newFee,
    version: r.version?.version ?? null,
    refundStatementId: r.feeStatement?.id ?? null,
    createdBy,
  };
}
