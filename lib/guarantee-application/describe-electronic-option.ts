/**
 * How the 「電子交付を希望する」 option of 保証証書の受取方法 looks for the form as filled so far. Pure: the browser
 * runs it on every change of 発注者・入札日・工事の種別・契約保証, and the server runs the same rules when saving.
 *
 * Two kinds of "not eligible" are kept apart: a *definite* refusal (the orderer is paper only, the 入札日 is before its
 * start date, the category or type is not taken) disables the option; a *pending* one (入札日 or 工事の種別 not entered
 * yet) only says what is missing, so a half-filled draft that already chose 電子交付 keeps that choice.
 */
import type { ApplicationMenu } from "@/lib/guarantee-application/codes";
import { guaranteeKindsFor } from "@/lib/guarantee-application/guarantee-kinds-for";
import {
  checkElectronicEligibility,
  type ElectronicDeliveryRuleInput,
  type IneligibleCode,
} from "@/lib/orderer/check-eligibility";

export type ElectronicOption =
  | { state: "ELIGIBLE"; message: null }
  | { state: "PENDING"; message: string; code: IneligibleCode | "ORDERER_MISSING" }
  | { state: "REFUSED"; message: string; code: IneligibleCode };

const PENDING_CODES: readonly IneligibleCode[] = ["WORK_CATEGORY_MISSING", "GUARANTEE_TYPE_MISSING", "BID_DATE_MISSING"];

export function isPendingIneligibility(code: IneligibleCode): boolean {
  return PENDING_CODES.includes(code);
}

export function describeElectronicOption({
  menu,
  withContractGuarantee,
  ordererChosen,
  rule,
  bidDate,
  workCategory,
}: {
  menu: ApplicationMenu;
  withContractGuarantee: boolean;
  /** false while no 発注者 is chosen (then there is no rule to judge by yet). */
  ordererChosen: boolean;
  rule: ElectronicDeliveryRuleInput;
  bidDate: string | Date | null | undefined;
  workCategory: "CONSTRUCTION" | "CONSULTING" | null | undefined;
}): ElectronicOption {
  if (!ordererChosen) {
    return { state: "PENDING", code: "ORDERER_MISSING", message: "発注者を選択すると電子交付の可否を判定します" };
  }
  const result = checkElectronicEligibility({
    rule,
    bidDate,
    workCategory,
    guaranteeTypes: guaranteeKindsFor({ menu, withContractGuarantee }),
  });
  if (result.eligible) return { state: "ELIGIBLE", message: null };
  return isPendingIneligibility(result.code)
    ? { state: "PENDING", code: result.code, message: result.reason }
    : { state: "REFUSED", code: result.code, message: result.reason };
}
