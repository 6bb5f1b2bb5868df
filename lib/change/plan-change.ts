/**
 * What approving a change would do, computed without touching the database: the guarantee's values after it, the
 * 保証料 difference, and the one-line summary the new 版 of the 電子証書 carries. The staff screens show it before
 * the click, and the approval itself applies exactly this plan.
 *
 * 保証料 *(our rule, where the published material is silent)*: for 増額 and 減額 the fee for the new 保証金額 is
 * computed with the rate table in force on the approval date (JST); the difference to the fee charged so far is
 * charged (増額) or refunded (減額) in full, without proration by the remaining period. A 増額 never refunds and a
 * 減額 never charges (when a newer rate table would make it so, the difference is 0). 保証期限変更 and 請負者の名称・
 * 所在地の変更 leave the fee as it is: the rate tables depend on the amount only.
 */
import { formatWareki } from "@/lib/dates";
import { isDomainError } from "@/lib/errors";
import { computeFee } from "@/lib/fee/compute-fee";
import { pickRateTable } from "@/lib/fee/pick-rate-table";
import type { FeeResult, RateTable } from "@/lib/fee/types";
import type { GuaranteeType } from "@/lib/guarantee-application/codes";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import type { ChangeKind } from "./codes";
import { CHANGE_KIND_LABELS } from "./labels";

export type ContractState = {
  guaranteeType: GuaranteeType;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  /** 工期（至）, YYYY-MM-DD */
  workPeriodTo: string | null;
  /** 保証期間（至）, YYYY-MM-DD */
  periodTo: string;
  companyName: string;
  address: string;
  /** 保証料 charged so far. */
  fee: bigint;
};

export type RequestedChange = {
  kind: ChangeKind;
  newContractAmount: bigint | null;
  newGuaranteeAmount: bigint | null;
  newPeriodTo: string | null;
  newCompanyName: string | null;
  newAddress: string | null;
};

export type ChangePlan<T extends RateTable> = {
  after: Omit<ContractState, "guaranteeType">;
  fee: {
    before: bigint;
    /** 増額・減額: the fee for the new amount from the table in force, with its breakdown. */
    computed: { rateTable: T; result: FeeResult } | null;
    /** + charged, − refunded, 0 for changes that do not touch the amount. */
    difference: bigint;
    after: bigint;
  };
  /** e.g. 「増額（保証金額 10,000,000円 → 12,000,000円）」 */
  summary: string;
  /** Why the change cannot be approved as it stands (no rate table, a missing value); empty when it can. */
  blockers: string[];
};

function arrow(label: string, before: string, after: string): string {
  return `${label} ${before} → ${after}`;
}

export function planChange<T extends RateTable>({
  contract: c,
  request: r,
  rateTables,
  onDate,
}: {
  contract: ContractState;
  request: RequestedChange;
  rateTables: readonly T[];
  /** YYYY-MM-DD (JST) whose rate tables apply: the approval date. */
  onDate: string;
}): ChangePlan<T> {
  const blockers: string[] = [];
  const after = {
    contractAmount: c.contractAmount,
    guaranteeAmount: c.guaranteeAmount,
    workPeriodTo: c.workPeriodTo,
    periodTo: c.periodTo,
    companyName: c.companyName,
    address: c.address,
    fee: c.fee,
  };
  const parts: string[] = [];
  let computed: ChangePlan<T>["fee"]["computed"] = null;
  let difference = 0n;

  switch (r.kind) {
    case "INCREASE":
    case "DECREASE": {
      if (r.newGuaranteeAmount === null || r.newContractAmount === null) {
        blockers.push("変更後の請負代金額・保証金額が入力されていません");
        break;
      }
      after.guaranteeAmount = r.newGuaranteeAmount;
      after.contractAmount = r.newContractAmount;
      parts.push(arrow("保証金額", formatYen(c.guaranteeAmount), formatYen(r.newGuaranteeAmount)));
      if (r.newContractAmount !== c.contractAmount) {
        parts.push(arrow("請負代金額", formatYen(c.contractAmount), formatYen(r.newContractAmount)));
      }
      try {
        const rateTable = pickRateTable(rateTables, c.guaranteeType, onDate);
        const result = computeFee({ guaranteeType: c.guaranteeType, guaranteeAmount: r.newGuaranteeAmount, rateTable });
        computed = { rateTable, result };
        const raw = BigInt(result.fee) - c.fee;
        difference = r.kind === "INCREASE" ? (raw > 0n ? raw : 0n) : raw < 0n ? raw : 0n;
      } catch (e) {
        if (!isDomainError(e)) throw e;
        const label = GUARANTEE_TYPE_LABELS[c.guaranteeType];
        blockers.push(
          e.code === "NO_RATE_TABLE"
            ? `${onDate}に適用される${label}の料率表がありません`
            : e.code === "CONFLICT"
              ? `${label}の料率表が同じ適用開始日で複数あります`
              : `${label}の保証料を計算できません（保証金額を確認してください）`,
        );
      }
      break;
    }
    case "PERIOD_CHANGE": {
      if (r.newPeriodTo === null) {
        blockers.push("変更後の工期（至）が入力されていません");
        break;
      }
      // 保証期間 runs to the end of 工期 for 前払金 and must cover the whole 工期 for 契約保証 (DOMAIN.md §3).
      after.workPeriodTo = r.newPeriodTo;
      after.periodTo = r.newPeriodTo;
      parts.push(arrow("保証期間（至）", formatWareki(c.periodTo), formatWareki(r.newPeriodTo)));
      break;
    }
    case "CONTRACTOR_INFO": {
      if (r.newCompanyName === null || r.newAddress === null) {
        blockers.push("変更後の商号又は名称・所在地が入力されていません");
        break;
      }
      after.companyName = r.newCompanyName;
      after.address = r.newAddress;
      if (r.newCompanyName !== c.companyName) parts.push(arrow("商号又は名称", c.companyName, r.newCompanyName));
      if (r.newAddress !== c.address) parts.push(arrow("所在地", c.address, r.newAddress));
      break;
    }
  }
  after.fee = c.fee + difference;
  const summary = parts.length ? `${CHANGE_KIND_LABELS[r.kind]}（${parts.join("、")}）` : CHANGE_KIND_LABELS[r.kind];
  return { after, fee: { before: c.fee, computed, difference, after: after.fee }, summary, blockers };
}

/** The guarantee as the plan reads it, from the change context. */
export function contractStateOf(ctx: {
  guaranteeType: GuaranteeType;
  contractAmount: number;
  guaranteeAmount: number;
  workPeriodTo: string | null;
  periodTo: string;
  companyName: string;
  address: string;
  fee: number;
}): ContractState {
  return {
    guaranteeType: ctx.guaranteeType,
    contractAmount: BigInt(ctx.contractAmount),
    guaranteeAmount: BigInt(ctx.guaranteeAmount),
    workPeriodTo: ctx.workPeriodTo,
    periodTo: ctx.periodTo,
    companyName: ctx.companyName,
    address: ctx.address,
    fee: BigInt(ctx.fee),
  };
}
