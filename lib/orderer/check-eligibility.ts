/**
 * May this application choose 電子交付 (DOMAIN.md §4)? Pure: the caller loads the orderer's ElectronicDeliveryRule.
 * The form shows the reason next to 保証証書の受取方法; the server action checks again before accepting
 * 「電子交付を希望する」 (throwing DomainError('NOT_ELIGIBLE_FOR_ELECTRONIC', { code, reason })).
 */
import type { GuaranteeType, WorkCategory } from "@/lib/guarantee-application/codes";
import { GUARANTEE_TYPE_LABELS, WORK_CATEGORY_LABELS } from "@/lib/guarantee-application/labels";
import { formatWareki, toIsoDate } from "@/lib/dates";
import { parseDateInput } from "@/lib/normalize";

export type ElectronicDeliveryRuleInput = {
  acceptsElectronic: boolean;
  /** First 入札日 (inclusive) taken electronically: YYYY-MM-DD, or the `@db.Date` value Prisma returns; null = none. */
  startDate: string | Date | null;
  workCategories: readonly WorkCategory[];
  guaranteeTypes: readonly GuaranteeType[];
} | null;

/** Why 電子交付 cannot be chosen; the `*_MISSING` ones mean "not yet known", the others "not for this case". */
export type IneligibleCode =
  | "RESERVATION_NEVER_ELECTRONIC"
  | "ORDERER_NOT_ELECTRONIC"
  | "WORK_CATEGORY_MISSING"
  | "WORK_CATEGORY_NOT_ACCEPTED"
  | "GUARANTEE_TYPE_MISSING"
  | "GUARANTEE_TYPE_NOT_ACCEPTED"
  | "BID_DATE_MISSING"
  | "BID_DATE_BEFORE_START";

export type EligibilityResult = { eligible: true } | { eligible: false; code: IneligibleCode; reason: string };

function ineligible(code: IneligibleCode, reason: string): EligibilityResult {
  return { eligible: false, code, reason };
}

export function checkElectronicEligibility({
  rule,
  bidDate,
  workCategory,
  guaranteeTypes,
}: {
  rule: ElectronicDeliveryRuleInput;
  /** As typed (YYYY-MM-DD, YYYY/MM/DD, 全角…) or stored (`@db.Date`); blank or unreadable = not yet entered. */
  bidDate: string | Date | null | undefined;
  workCategory: WorkCategory | null | undefined;
  guaranteeTypes: readonly GuaranteeType[];
}): EligibilityResult {
  // The surety issues 契約保証予約 on paper only, whatever the orderer accepts.
  if (guaranteeTypes.includes("CONTRACT_RESERVATION")) {
    return ineligible("RESERVATION_NEVER_ELECTRONIC", "契約保証予約は電子交付の対象外です");
  }
  if (!rule || !rule.acceptsElectronic) {
    return ineligible("ORDERER_NOT_ELECTRONIC", "この発注者は電子保証に対応していません");
  }
  if (!workCategory) {
    return ineligible("WORK_CATEGORY_MISSING", "工事の種別を選択すると電子交付の可否を判定します");
  }
  if (!rule.workCategories.includes(workCategory)) {
    return ineligible(
      "WORK_CATEGORY_NOT_ACCEPTED",
      `この発注者の電子保証は工事の種別「${WORK_CATEGORY_LABELS[workCategory]}」を対象としていません`,
    );
  }
  if (guaranteeTypes.length === 0) {
    return ineligible("GUARANTEE_TYPE_MISSING", "保証の種類を選択すると電子交付の可否を判定します");
  }
  const refused = guaranteeTypes.filter((type) => !rule.guaranteeTypes.includes(type));
  if (refused.length > 0) {
    const names = refused.map((type) => GUARANTEE_TYPE_LABELS[type]).join("・");
    return ineligible("GUARANTEE_TYPE_NOT_ACCEPTED", `この発注者の電子保証は${names}を対象としていません`);
  }
  const bid = bidDate instanceof Date ? toIsoDate(bidDate) : bidDate ? parseDateInput(bidDate) : null;
  if (!bid) {
    return ineligible("BID_DATE_MISSING", "入札日を入力すると電子交付の可否を判定します");
  }
  const start = rule.startDate instanceof Date ? toIsoDate(rule.startDate) : rule.startDate;
  if (start && bid < start) {
    return ineligible(
      "BID_DATE_BEFORE_START",
      `この発注者の電子保証は${formatWareki(start)}以降に入札を行う案件が対象です`,
    );
  }
  return { eligible: true };
}
