import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import type { ApplicationMenu } from "@/lib/guarantee-application/codes";
import { isUuid } from "@/lib/guarantee-application/is-uuid";
import { BASE_GUARANTEE_TYPE } from "@/lib/guarantee-application/menu-slugs";
import { toApplicationFormValues, type ApplicationFormValues } from "@/lib/guarantee-application/to-application-form-values";

/** A concluded guarantee of the company that menu 2 (契約保証) or menu 3 (前払金保証) builds on. */
export interface BaseContract {
  id: string;
  contractNumber: string;
  guaranteeType: "CONTRACT" | "ADVANCE_PAYMENT";
  workName: string;
  ordererId: string;
  ordererName: string;
  departmentName: string;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  concludedAt: Date;
  /** The new application's form, filled from the guarantee as it stands now (after any 増額・期限変更). */
  prefill: ApplicationFormValues;
}

/**
 * The company's guarantees a menu can build on: ACTIVE (not 解約) contracts of the type the menu needs, newest first.
 * With `contractId`, only that one (or none: another company's or a wrong type's id is simply not in the list).
 */
export async function listBaseContracts({
  companyId,
  menu,
  contractId,
  client = db,
}: {
  companyId: string;
  menu: ApplicationMenu;
  contractId?: string;
  client?: Db | Tx;
}): Promise<BaseContract[]> {
  const guaranteeType = BASE_GUARANTEE_TYPE[menu];
  if (!guaranteeType) return [];
  if (contractId !== undefined && !isUuid(contractId)) return [];
  const rows = await client.guaranteeContract.findMany({
    where: { companyId, guaranteeType, status: "ACTIVE", ...(contractId ? { id: contractId.toLowerCase() } : {}) },
    orderBy: [{ concludedAt: "desc" }],
    select: {
      id: true,
      contractNumber: true,
      guaranteeType: true,
      workName: true,
      ordererId: true,
      departmentId: true,
      contractAmount: true,
      guaranteeAmount: true,
      periodTo: true,
      deliveryMethod: true,
      concludedAt: true,
      orderer: { select: { name: true } },
      department: { select: { name: true } },
      application: {
        select: {
          workLocation: true,
          workCategory: true,
          bidDate: true,
          contractDate: true,
          periodFrom: true,
          periodTo: true,
          lowBidInvestigation: true,
        },
      },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    contractNumber: c.contractNumber,
    guaranteeType: c.guaranteeType as "CONTRACT" | "ADVANCE_PAYMENT",
    workName: c.workName,
    ordererId: c.ordererId,
    ordererName: c.orderer.name,
    departmentName: c.department.name,
    contractAmount: c.contractAmount,
    guaranteeAmount: c.guaranteeAmount,
    concludedAt: c.concludedAt,
    prefill: toApplicationFormValues({
      menu,
      withContractGuarantee: false,
      baseContractId: c.id,
      deliveryMethod: c.deliveryMethod,
      ordererId: c.ordererId,
      departmentId: c.departmentId,
      workName: c.workName,
      workLocation: c.application.workLocation,
      workCategory: c.application.workCategory,
      bidDate: c.application.bidDate,
      contractDate: c.application.contractDate,
      periodFrom: c.application.periodFrom,
      // 保証期間 runs to the end of 工期, so the contract's current end is the 工期（至） after any 期限変更.
      periodTo: c.periodTo ?? c.application.periodTo,
      contractAmount: c.contractAmount,
      advanceAmount: menu === "INTERMEDIATE" ? c.guaranteeAmount : null,
      intermediateAmount: null,
      contractGuaranteeAmount: null,
      lowBidInvestigation: c.application.lowBidInvestigation,
      notes: null,
    }),
  }));
}
