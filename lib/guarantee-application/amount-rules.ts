/**
 * The published amount rules of 前払金・中間前払金・契約保証 (DOMAIN.md §3), as pure functions returning `null` when
 * the amounts are allowed or a Japanese message when not. The application schema uses them, and so do the change
 * requests after conclusion (増額・減額), which must keep the same proportions to the 請負代金額.
 *
 * Arithmetic is exact: amounts are integer yen (number or the bigint Prisma returns for BigInt columns), compared as
 * `amount × denominator ≤ base × numerator` in bigint, never through a floating-point ratio.
 * Callers pass amounts already checked by `checkAmountRange` (integers); a fractional amount is a programming error.
 */
import type { WorkCategory } from "@/lib/guarantee-application/codes";
import { formatYen, MAX_YEN } from "@/lib/money";

export type Yen = number | bigint;
export type Ratio = { readonly numerator: number; readonly denominator: number };

export const AMOUNT_RATIOS = {
  /** 前払金 ≤ 4/10 of 請負代金額 for 工事, ≤ 3/10 for 建設コンサルタント業務 (設計・測量). */
  advance: {
    CONSTRUCTION: { numerator: 4, denominator: 10 },
    CONSULTING: { numerator: 3, denominator: 10 },
  },
  /** 中間前払金 ≤ 2/10 of 請負代金額. */
  intermediate: { numerator: 2, denominator: 10 },
  /** 前払金 + 中間前払金 ≤ 6/10 of 請負代金額. */
  advancePlusIntermediate: { numerator: 6, denominator: 10 },
  /** 契約保証金額 ≥ 1/10 of 請負代金額 … */
  contractGuarantee: { numerator: 1, denominator: 10 },
  /** … and ≥ 3/10 when the contract went through 低入札価格調査. */
  contractGuaranteeLowBid: { numerator: 3, denominator: 10 },
} as const satisfies Record<string, Ratio | Record<WorkCategory, Ratio>>;

export const AMOUNT_OVER_LIMIT_MESSAGE = "1,000億円以下で入力してください";

function ratioText({ numerator, denominator }: Ratio): string {
  return `${denominator}分の${numerator}`;
}

function big(amount: Yen): bigint {
  return typeof amount === "bigint" ? amount : BigInt(amount);
}

/** The largest amount within `ratio` of `base` (rounded down to the yen). */
export function maxByRatio(base: Yen, ratio: Ratio): bigint {
  return (big(base) * BigInt(ratio.numerator)) / BigInt(ratio.denominator);
}

/** The smallest amount of at least `ratio` of `base` (rounded up to the yen). */
export function minByRatio(base: Yen, ratio: Ratio): bigint {
  const d = BigInt(ratio.denominator);
  return (big(base) * BigInt(ratio.numerator) + d - 1n) / d;
}

function withinRatio(amount: Yen, base: Yen, ratio: Ratio): boolean {
  return big(amount) * BigInt(ratio.denominator) <= big(base) * BigInt(ratio.numerator);
}

function atLeastRatio(amount: Yen, base: Yen, ratio: Ratio): boolean {
  return big(amount) * BigInt(ratio.denominator) >= big(base) * BigInt(ratio.numerator);
}

/** Every amount of the form: a whole number of yen from ¥1 to ¥100,000,000,000. */
export function checkAmountRange({ amount, label }: { amount: Yen; label: string }): string | null {
  if (typeof amount === "number" && Number.isNaN(amount)) return `${label}は数字で入力してください`;
  if (amount > MAX_YEN) return AMOUNT_OVER_LIMIT_MESSAGE;
  if (amount < 1) return `${label}は1円以上で入力してください`;
  if (typeof amount === "number" && !Number.isInteger(amount)) return `${label}は1円単位の整数で入力してください`;
  return null;
}

/** 前払金額 ≤ 4/10 (工事) or 3/10 (建設コンサルタント業務) of 請負代金額. */
export function checkAdvanceLimit({
  contractAmount,
  advanceAmount,
  workCategory,
}: {
  contractAmount: Yen;
  advanceAmount: Yen;
  workCategory: WorkCategory;
}): string | null {
  const ratio = AMOUNT_RATIOS.advance[workCategory];
  if (withinRatio(advanceAmount, contractAmount, ratio)) return null;
  const prefix = workCategory === "CONSULTING" ? "建設コンサルタント業務の" : "";
  return `${prefix}前払金額は請負代金額の${ratioText(ratio)}以下（${formatYen(maxByRatio(contractAmount, ratio))}以下）で入力してください`;
}

/** 契約保証金額 ≥ 1/10 of 請負代金額, ≥ 3/10 for a contract under 低入札価格調査; and never above 請負代金額. */
export function checkContractGuaranteeMinimum({
  contractAmount,
  contractGuaranteeAmount,
  lowBidInvestigation,
}: {
  contractAmount: Yen;
  contractGuaranteeAmount: Yen;
  lowBidInvestigation: boolean;
}): string | null {
  const ratio = lowBidInvestigation ? AMOUNT_RATIOS.contractGuaranteeLowBid : AMOUNT_RATIOS.contractGuarantee;
  if (atLeastRatio(contractGuaranteeAmount, contractAmount, ratio)) return null;
  const prefix = lowBidInvestigation ? "低入札価格調査の対象となる契約の" : "";
  return `${prefix}契約保証金額は請負代金額の${ratioText(ratio)}以上（${formatYen(minByRatio(contractAmount, ratio))}以上）で入力してください`;
}

/** 契約保証金額 ≤ 請負代金額 (our rule: a larger guarantee than the contract is a typing slip). */
export function checkContractGuaranteeMaximum({
  contractAmount,
  contractGuaranteeAmount,
}: {
  contractAmount: Yen;
  contractGuaranteeAmount: Yen;
}): string | null {
  return big(contractGuaranteeAmount) <= big(contractAmount) ? null : "契約保証金額は請負代金額以下で入力してください";
}

/** 中間前払金額 ≤ 2/10 of 請負代金額. */
export function checkIntermediateLimit({
  contractAmount,
  intermediateAmount,
}: {
  contractAmount: Yen;
  intermediateAmount: Yen;
}): string | null {
  const ratio = AMOUNT_RATIOS.intermediate;
  if (withinRatio(intermediateAmount, contractAmount, ratio)) return null;
  return `中間前払金額は請負代金額の${ratioText(ratio)}以下（${formatYen(maxByRatio(contractAmount, ratio))}以下）で入力してください`;
}

/** 前払金額 + 中間前払金額 ≤ 6/10 of 請負代金額. */
export function checkAdvanceTotalLimit({
  contractAmount,
  advanceAmount,
  intermediateAmount,
}: {
  contractAmount: Yen;
  advanceAmount: Yen;
  intermediateAmount: Yen;
}): string | null {
  const ratio = AMOUNT_RATIOS.advancePlusIntermediate;
  if (withinRatio(big(advanceAmount) + big(intermediateAmount), contractAmount, ratio)) return null;
  return `前払金額と中間前払金額の合計は請負代金額の${ratioText(ratio)}以下（${formatYen(maxByRatio(contractAmount, ratio))}以下）で入力してください`;
}
