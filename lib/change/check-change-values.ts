/**
 * The rules a 変更 must meet, as a pure function: the same published amount rules as the original application
 * (lib/guarantee-application/amount-rules.ts) applied to the new values, plus the rules of each kind of change.
 * Each problem is reported on the field the person has to change. Values that failed their own field check arrive
 * as null and are skipped here, so the form shows each problem once.
 */
import {
  checkAdvanceLimit,
  checkAdvanceTotalLimit,
  checkContractGuaranteeMaximum,
  checkContractGuaranteeMinimum,
  checkIntermediateLimit,
} from "@/lib/guarantee-application/amount-rules";
import { GUARANTEE_AMOUNT_LABELS } from "@/lib/contract/labels";
import { formatWareki } from "@/lib/dates";
import { formatYen } from "@/lib/money";
import type { ChangeContext } from "./change-context";
import type { ChangeKind } from "./codes";
import { CHANGE_FIELD_LABELS, type ChangeField } from "./labels";

export type ChangeValues = {
  kind: ChangeKind;
  newContractAmount: number | null;
  newGuaranteeAmount: number | null;
  newPeriodTo: string | null;
  newCompanyName: string | null;
  newAddress: string | null;
  changeContractDate: string | null;
};

export type ChangeIssue = { path: ChangeField; message: string };

/** 「変更後の前払金額」: the 保証金額 goes by its type's name (DOMAIN.md §6). */
export function newGuaranteeAmountLabel(guaranteeType: ChangeContext["guaranteeType"]): string {
  return `変更後の${GUARANTEE_AMOUNT_LABELS[guaranteeType]}`;
}

export function checkChangeValues(ctx: ChangeContext, v: ChangeValues, today: string): ChangeIssue[] {
  const issues: ChangeIssue[] = [];
  const add = (path: ChangeField, message: string | null | undefined) => {
    if (message && !issues.some((i) => i.path === path && i.message === message)) issues.push({ path, message });
  };
  const amountLabel = newGuaranteeAmountLabel(ctx.guaranteeType);

  if (v.changeContractDate) {
    if (ctx.contractDate && v.changeContractDate < ctx.contractDate) {
      add("changeContractDate", `変更契約日は当初の契約日（${formatWareki(ctx.contractDate)}）以降の日付を入力してください`);
    }
    if (v.changeContractDate > today) add("changeContractDate", "変更契約日に未来の日付は入力できません");
  }

  switch (v.kind) {
    case "INCREASE":
    case "DECREASE": {
      if (v.newGuaranteeAmount !== null) {
        if (v.kind === "INCREASE" && v.newGuaranteeAmount <= ctx.guaranteeAmount) {
          add("newGuaranteeAmount", `増額の場合は、${amountLabel}を現在の保証金額（${formatYen(ctx.guaranteeAmount)}）より大きくしてください`);
        }
        if (v.kind === "DECREASE" && v.newGuaranteeAmount >= ctx.guaranteeAmount) {
          add("newGuaranteeAmount", `減額の場合は、${amountLabel}を現在の保証金額（${formatYen(ctx.guaranteeAmount)}）より小さくしてください`);
        }
      }
      const contractAmount = v.newContractAmount;
      const amount = v.newGuaranteeAmount;
      if (contractAmount === null || amount === null) break;
      switch (ctx.guaranteeType) {
        case "ADVANCE_PAYMENT":
          add(
            "newGuaranteeAmount",
            checkAdvanceLimit({ contractAmount, advanceAmount: amount, workCategory: ctx.workCategory })?.replace("前払金額は", `${amountLabel}は変更後の`),
          );
          break;
        case "INTERMEDIATE_ADVANCE":
          add(
            "newGuaranteeAmount",
            checkIntermediateLimit({ contractAmount, intermediateAmount: amount })?.replace("中間前払金額は", `${amountLabel}は変更後の`),
          );
          if (ctx.advanceAmount !== null) {
            add("newGuaranteeAmount", checkAdvanceTotalLimit({ contractAmount, advanceAmount: ctx.advanceAmount, intermediateAmount: amount }));
          }
          break;
        case "CONTRACT":
        case "CONTRACT_RESERVATION":
          add(
            "newGuaranteeAmount",
            (
              checkContractGuaranteeMinimum({ contractAmount, contractGuaranteeAmount: amount, lowBidInvestigation: ctx.lowBidInvestigation }) ??
              checkContractGuaranteeMaximum({ contractAmount, contractGuaranteeAmount: amount })
            )?.replace("契約保証金額は", `${amountLabel}は変更後の`),
          );
          break;
      }
      break;
    }
    case "PERIOD_CHANGE": {
      const to = v.newPeriodTo;
      if (to === null) break;
      const label = CHANGE_FIELD_LABELS.newPeriodTo;
      if (to === (ctx.workPeriodTo ?? ctx.periodTo)) add("newPeriodTo", `${label}が現在の工期（至）と同じです`);
      if (ctx.workPeriodFrom && to < ctx.workPeriodFrom) {
        add("newPeriodTo", `${label}は工期（自）（${formatWareki(ctx.workPeriodFrom)}）以降の日付を入力してください`);
      }
      if (to < ctx.periodFrom) add("newPeriodTo", `${label}は保証期間の始期（${formatWareki(ctx.periodFrom)}）以降の日付を入力してください`);
      if (v.changeContractDate && to < v.changeContractDate) add("newPeriodTo", `${label}は変更契約日以降の日付を入力してください`);
      break;
    }
    case "CONTRACTOR_INFO": {
      if (v.newCompanyName !== null && v.newAddress !== null && v.newCompanyName === ctx.companyName && v.newAddress === ctx.address) {
        add("newCompanyName", "商号又は名称・所在地のどちらも現在と同じです。変更後の内容を入力してください");
      }
      break;
    }
  }
  return issues;
}
