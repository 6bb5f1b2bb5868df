/**
 * What concluding an application would produce, computed without touching the database: the guarantee contracts
 * (one per type), each 保証金額 and 保証料 from the rate table in force on a date, the 保証期間, and every reason the
 * application cannot be concluded as it stands. The queue, the detail page, 審査完了 and the conclusion itself all
 * use it, so staff see exactly what the approver's click will do.
 */
import type { DomainErrorCode } from "@/lib/errors";
import { isDomainError } from "@/lib/errors";
import { formatWareki, toIsoDate } from "@/lib/dates";
import { computeFee } from "@/lib/fee/compute-fee";
import { pickRateTable } from "@/lib/fee/pick-rate-table";
import type { FeeResult, RateTable } from "@/lib/fee/types";
import type { ApplicationMenu, DeliveryMethod, GuaranteeType, WorkCategory } from "@/lib/guarantee-application/codes";
import { FIELD_LABELS, GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { periodHasEnded } from "@/lib/guarantee-application/period-rules";
import { guaranteeKindsFor } from "@/lib/guarantee-application/schemas";
import { checkElectronicEligibility, type EligibilityResult, type ElectronicDeliveryRuleInput } from "@/lib/orderer/check-eligibility";
import { GUARANTEE_AMOUNT_FIELD } from "./labels";

export type ApplicationForPlan = {
  menu: ApplicationMenu;
  withContractGuarantee: boolean;
  deliveryMethod: DeliveryMethod | null;
  ordererId: string | null;
  departmentId: string | null;
  workName: string | null;
  workCategory: WorkCategory | null;
  bidDate: Date | null;
  contractDate: Date | null;
  periodFrom: Date | null;
  periodTo: Date | null;
  contractAmount: bigint | null;
  advanceAmount: bigint | null;
  intermediateAmount: bigint | null;
  contractGuaranteeAmount: bigint | null;
};

export type PlanBlocker = { code: DomainErrorCode; message: string };

export type PlannedGuarantee<T extends RateTable> = {
  guaranteeType: GuaranteeType;
  guaranteeAmount: bigint | null;
  fee: { ok: true; rateTable: T; result: FeeResult } | { ok: false; message: string };
};

export type GuaranteePlan<T extends RateTable> = {
  guarantees: PlannedGuarantee<T>[];
  /** 保証期間 (YYYY-MM-DD): from 契約日 (or 工期（自）) to the end of 工期（至）. */
  period: { from: string; to: string } | null;
  /** Sum of the fees, or null while any of them cannot be computed. */
  totalFee: number | null;
  /** null for 書面 (PAPER). */
  eligibility: EligibilityResult | null;
  blockers: PlanBlocker[];
};

export function planGuarantees<T extends RateTable>({
  application: a,
  rule,
  rateTables,
  onDate,
}: {
  application: ApplicationForPlan;
  rule: ElectronicDeliveryRuleInput;
  rateTables: readonly T[];
  /** YYYY-MM-DD (JST) whose rate tables apply: the conclusion date. */
  onDate: string;
}): GuaranteePlan<T> {
  const blockers: PlanBlocker[] = [];
  const types = guaranteeKindsFor(a);

  const required = ["ordererId", "departmentId", "workName", "workCategory", "contractAmount", "periodTo", "deliveryMethod"] as const;
  const missing: string[] = required.filter((f) => a[f] === null || a[f] === "").map((f) => FIELD_LABELS[f]);
  if (!a.contractDate && !a.periodFrom) missing.push(`${FIELD_LABELS.contractDate}または${FIELD_LABELS.periodFrom}`);

  const guarantees = types.map((guaranteeType): PlannedGuarantee<T> => {
    const field = GUARANTEE_AMOUNT_FIELD[guaranteeType];
    const guaranteeAmount = a[field];
    if (guaranteeAmount === null) {
      missing.push(FIELD_LABELS[field]);
      return { guaranteeType, guaranteeAmount, fee: { ok: false, message: `${FIELD_LABELS[field]}が未入力です` } };
    }
    try {
      const rateTable = pickRateTable(rateTables, guaranteeType, onDate);
      return { guaranteeType, guaranteeAmount, fee: { ok: true, rateTable, result: computeFee({ guaranteeType, guaranteeAmount, rateTable }) } };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const label = GUARANTEE_TYPE_LABELS[guaranteeType];
      const message =
        e.code === "NO_RATE_TABLE"
          ? `${onDate}に適用される${label}の料率表がありません`
          : e.code === "CONFLICT"
            ? `${label}の料率表が同じ適用開始日で複数あります`
            : `${label}の保証料を計算できません（保証金額を確認してください）`;
      blockers.push({ code: e.code === "VALIDATION" ? "VALIDATION" : "NO_RATE_TABLE", message });
      return { guaranteeType, guaranteeAmount, fee: { ok: false, message } };
    }
  });
  if (missing.length > 0) blockers.unshift({ code: "INVALID_STATE", message: `未入力の項目があります：${missing.join("、")}` });

  const fromDate = a.contractDate ?? a.periodFrom;
  let period: GuaranteePlan<T>["period"] = null;
  if (fromDate && a.periodTo) {
    period = { from: toIsoDate(fromDate), to: toIsoDate(a.periodTo) };
    if (period.from > period.to) {
      blockers.push({ code: "VALIDATION", message: "保証期間の始期（契約日）が工期（至）より後になっています" });
    }
    // A draft can wait for weeks: a 工期（至） that has passed since it was submitted would make the certificate
    // 保証期間満了 from the day it is issued.
    if (periodHasEnded({ periodTo: period.to, today: onDate })) {
      blockers.push({ code: "PERIOD_ENDED", message: `保証期間（工期（至） ${formatWareki(period.to)}）が既に終わっています` });
    }
  }

  let eligibility: EligibilityResult | null = null;
  if (a.deliveryMethod === "ELECTRONIC") {
    eligibility = checkElectronicEligibility({ rule, bidDate: a.bidDate, workCategory: a.workCategory, guaranteeTypes: types });
    if (!eligibility.eligible) {
      blockers.push({ code: "NOT_ELIGIBLE_FOR_ELECTRONIC", message: `電子交付の対象外です：${eligibility.reason}` });
    }
  }

  const totalFee = guarantees.every((g) => g.fee.ok)
    ? guarantees.reduce((sum, g) => sum + (g.fee.ok ? g.fee.result.fee : 0), 0)
    : null;
  return { guarantees, period, totalFee, eligibility, blockers };
}
