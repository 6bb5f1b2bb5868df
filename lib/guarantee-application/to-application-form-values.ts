/**
 * A stored application as the form posts it (strings; a ticked box is "on", an unticked one absent). Used to fill
 * the form again and to check a stored draft with the same `ZApplicationSubmitSchema` the form is checked with.
 */
import { toIsoDate } from "@/lib/dates";

export type ApplicationFormValues = Record<string, string>;

export interface StoredApplicationValues {
  menu: string;
  withContractGuarantee: boolean;
  baseContractId: string | null;
  deliveryMethod: string | null;
  ordererId: string | null;
  departmentId: string | null;
  workName: string | null;
  workLocation: string | null;
  workCategory: string | null;
  bidDate: Date | null;
  contractDate: Date | null;
  periodFrom: Date | null;
  periodTo: Date | null;
  contractAmount: bigint | null;
  advanceAmount: bigint | null;
  intermediateAmount: bigint | null;
  contractGuaranteeAmount: bigint | null;
  lowBidInvestigation: boolean;
  notes: string | null;
}

export function toApplicationFormValues(a: StoredApplicationValues): ApplicationFormValues {
  const out: ApplicationFormValues = { menu: a.menu };
  const text = (k: string, v: string | null) => {
    if (v !== null && v !== "") out[k] = v;
  };
  const date = (k: string, v: Date | null) => {
    if (v) out[k] = toIsoDate(v);
  };
  const yen = (k: string, v: bigint | null) => {
    if (v !== null) out[k] = v.toString();
  };
  if (a.withContractGuarantee) out.withContractGuarantee = "on";
  if (a.lowBidInvestigation) out.lowBidInvestigation = "on";
  text("baseContractId", a.baseContractId);
  text("deliveryMethod", a.deliveryMethod);
  text("ordererId", a.ordererId);
  text("departmentId", a.departmentId);
  text("workName", a.workName);
  text("workLocation", a.workLocation);
  text("workCategory", a.workCategory);
  date("bidDate", a.bidDate);
  date("contractDate", a.contractDate);
  date("periodFrom", a.periodFrom);
  date("periodTo", a.periodTo);
  yen("contractAmount", a.contractAmount);
  yen("advanceAmount", a.advanceAmount);
  yen("intermediateAmount", a.intermediateAmount);
  yen("contractGuaranteeAmount", a.contractGuaranteeAmount);
  text("notes", a.notes);
  return out;
}
