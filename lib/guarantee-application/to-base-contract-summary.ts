import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";

/** The guarantee menus 2 and 3 build on, as plain text for the browser (no bigint, no Date). */
export interface BaseContractSummary {
  id: string;
  contractNumber: string;
  guaranteeTypeLabel: string;
  workName: string;
  ordererName: string;
  departmentName: string;
  guaranteeAmountText: string;
}

export function toBaseContractSummary(c: {
  id: string;
  contractNumber: string;
  guaranteeType: "CONTRACT" | "ADVANCE_PAYMENT";
  workName: string;
  ordererName: string;
  departmentName: string;
  guaranteeAmount: bigint;
}): BaseContractSummary {
  return {
    id: c.id,
    contractNumber: c.contractNumber,
    guaranteeTypeLabel: GUARANTEE_TYPE_LABELS[c.guaranteeType],
    workName: c.workName,
    ordererName: c.ordererName,
    departmentName: c.departmentName,
    guaranteeAmountText: formatYen(c.guaranteeAmount),
  };
}
