import { describe, expect, it } from "vitest";
import {
  AMOUNT_OVER_LIMIT_MESSAGE,
  checkAdvanceLimit,
  checkAdvanceTotalLimit,
  checkAmountRange,
  checkContractGuaranteeMaximum,
  checkContractGuaranteeMinimum,
  checkIntermediateLimit,
  maxByRatio,
  minByRatio,
} from "@/lib/guarantee-application/amount-rules";

// A contract amount that is not a multiple of 10, so "exactly n/10" needs rounding and a float would slip.
const ODD = 12_345_677;

describe("前払金額 ≤ 4/10 of 請負代金額 (工事)", () => {
  it("accepts exactly 4/10 and refuses one yen more", () => {
    expect(checkAdvanceLimit({ contractAmount: 10_000_000, advanceAmount: 4_000_000, workCategory: "CONSTRUCTION" })).toBeNull();
    const message = checkAdvanceLimit({ contractAmount: 10_000_000, advanceAmount: 4_000_001, workCategory: "CONSTRUCTION" });
    expect(message).toBe("前払金額は請負代金額の10分の4以下（4,000,000円以下）で入力してください");
  });

  it("rounds the limit down to the yen when 4/10 is not whole", () => {
    // 12,345,677 × 4 / 10 = 4,938,270.8
    expect(checkAdvanceLimit({ contractAmount: ODD, advanceAmount: 4_938_270, workCategory: "CONSTRUCTION" })).toBeNull();
    expect(checkAdvanceLimit({ contractAmount: ODD, advanceAmount: 4_938_271, workCategory: "CONSTRUCTION" })).toContain(
      "4,938,270円以下",
    );
  });

  it("holds at the largest amounts without floating-point error", () => {
    expect(
      checkAdvanceLimit({ contractAmount: 100_000_000_000, advanceAmount: 40_000_000_000, workCategory: "CONSTRUCTION" }),
    ).toBeNull();
    expect(
      checkAdvanceLimit({ contractAmount: 100_000_000_000, advanceAmount: 40_000_000_001, workCategory: "CONSTRUCTION" }),
    ).not.toBeNull();
  });

  it("takes bigint amounts as Prisma returns them", () => {
    expect(checkAdvanceLimit({ contractAmount: 10_000_000n, advanceAmount: 4_000_000n, workCategory: "CONSTRUCTION" })).toBeNull();
    expect(checkAdvanceLimit({ contractAmount: 10_000_000n, advanceAmount: 4_000_001n, workCategory: "CONSTRUCTION" })).not.toBeNull();
  });
});

describe("前払金額 ≤ 3/10 of 請負代金額 (建設コンサルタント業務)", () => {
  it("accepts exactly 3/10 and refuses one yen more", () => {
    expect(checkAdvanceLimit({ contractAmount: 10_000_000, advanceAmount: 3_000_000, workCategory: "CONSULTING" })).toBeNull();
    expect(checkAdvanceLimit({ contractAmount: 10_000_000, advanceAmount: 3_000_001, workCategory: "CONSULTING" })).toBe(
      "建設コンサルタント業務の前払金額は請負代金額の10分の3以下（3,000,000円以下）で入力してください",
    );
  });

  it("refuses for consulting what 工事 would accept", () => {
    expect(checkAdvanceLimit({ contractAmount: 10_000_000, advanceAmount: 4_000_000, workCategory: "CONSULTING" })).not.toBeNull();
  });
});

describe("契約保証金額 ≥ 1/10 of 請負代金額", () => {
  it("accepts exactly 1/10 and refuses one yen less", () => {
    const base = { contractAmount: 10_000_000, lowBidInvestigation: false };
    expect(checkContractGuaranteeMinimum({ ...base, contractGuaranteeAmount: 1_000_000 })).toBeNull();
    expect(checkContractGuaranteeMinimum({ ...base, contractGuaranteeAmount: 999_999 })).toBe(
      "契約保証金額は請負代金額の10分の1以上（1,000,000円以上）で入力してください",
    );
  });

  it("rounds the minimum up to the yen when 1/10 is not whole", () => {
    // 12,345,677 / 10 = 1,234,567.7 → at least 1,234,568
    const base = { contractAmount: ODD, lowBidInvestigation: false };
    expect(checkContractGuaranteeMinimum({ ...base, contractGuaranteeAmount: 1_234_568 })).toBeNull();
    expect(checkContractGuaranteeMinimum({ ...base, contractGuaranteeAmount: 1_234_567 })).toContain("1,234,568円以上");
  });
});

describe("契約保証金額 ≥ 3/10 of 請負代金額 for 低入札価格調査", () => {
  it("accepts exactly 3/10 and refuses one yen less", () => {
    const base = { contractAmount: 10_000_000, lowBidInvestigation: true };
    expect(checkContractGuaranteeMinimum({ ...base, contractGuaranteeAmount: 3_000_000 })).toBeNull();
    expect(checkContractGuaranteeMinimum({ ...base, contractGuaranteeAmount: 2_999_999 })).toBe(
      "低入札価格調査の対象となる契約の契約保証金額は請負代金額の10分の3以上（3,000,000円以上）で入力してください",
    );
  });

  it("refuses 1/10 once the contract is under 低入札価格調査", () => {
    expect(
      checkContractGuaranteeMinimum({ contractAmount: 10_000_000, contractGuaranteeAmount: 1_000_000, lowBidInvestigation: true }),
    ).not.toBeNull();
  });
});

describe("契約保証金額 ≤ 請負代金額", () => {
  it("accepts the full amount and refuses one yen more", () => {
    expect(checkContractGuaranteeMaximum({ contractAmount: 10_000_000, contractGuaranteeAmount: 10_000_000 })).toBeNull();
    expect(checkContractGuaranteeMaximum({ contractAmount: 10_000_000, contractGuaranteeAmount: 10_000_001 })).toBe(
      "契約保証金額は請負代金額以下で入力してください",
    );
  });
});

describe("中間前払金額 ≤ 2/10 of 請負代金額", () => {
  it("accepts exactly 2/10 and refuses one yen more", () => {
    expect(checkIntermediateLimit({ contractAmount: 10_000_000, intermediateAmount: 2_000_000 })).toBeNull();
    expect(checkIntermediateLimit({ contractAmount: 10_000_000, intermediateAmount: 2_000_001 })).toBe(
      "中間前払金額は請負代金額の10分の2以下（2,000,000円以下）で入力してください",
    );
  });
});

describe("前払金額 + 中間前払金額 ≤ 6/10 of 請負代金額", () => {
  it("accepts a total of exactly 6/10 and refuses one yen more", () => {
    expect(
      checkAdvanceTotalLimit({ contractAmount: 10_000_000, advanceAmount: 4_000_000, intermediateAmount: 2_000_000 }),
    ).toBeNull();
    expect(
      checkAdvanceTotalLimit({ contractAmount: 10_000_000, advanceAmount: 4_000_001, intermediateAmount: 2_000_000 }),
    ).toBe("前払金額と中間前払金額の合計は請負代金額の10分の6以下（6,000,000円以下）で入力してください");
  });

  it("applies on rounding boundaries too", () => {
    // 12,345,677 × 6 / 10 = 7,407,406.2 → at most 7,407,406 in total
    expect(checkAdvanceTotalLimit({ contractAmount: ODD, advanceAmount: 4_938_270, intermediateAmount: 2_469_136 })).toBeNull();
    expect(
      checkAdvanceTotalLimit({ contractAmount: ODD, advanceAmount: 4_938_270, intermediateAmount: 2_469_137 }),
    ).not.toBeNull();
  });
});

describe("checkAmountRange", () => {
  it("accepts ¥1 and ¥100,000,000,000", () => {
    expect(checkAmountRange({ amount: 1, label: "請負代金額" })).toBeNull();
    expect(checkAmountRange({ amount: 100_000_000_000, label: "請負代金額" })).toBeNull();
    expect(checkAmountRange({ amount: 100_000_000_000n, label: "請負代金額" })).toBeNull();
  });

  it("refuses one yen over 1,000億円 with the limit message", () => {
    expect(checkAmountRange({ amount: 100_000_000_001, label: "請負代金額" })).toBe(AMOUNT_OVER_LIMIT_MESSAGE);
    expect(AMOUNT_OVER_LIMIT_MESSAGE).toBe("1,000億円以下で入力してください");
    expect(checkAmountRange({ amount: Number.POSITIVE_INFINITY, label: "請負代金額" })).toBe(AMOUNT_OVER_LIMIT_MESSAGE);
  });

  it("refuses zero, negative, fractional and NaN amounts", () => {
    expect(checkAmountRange({ amount: 0, label: "前払金額" })).toBe("前払金額は1円以上で入力してください");
    expect(checkAmountRange({ amount: -5, label: "前払金額" })).toBe("前払金額は1円以上で入力してください");
    expect(checkAmountRange({ amount: 1.5, label: "前払金額" })).toBe("前払金額は1円単位の整数で入力してください");
    expect(checkAmountRange({ amount: Number.NaN, label: "前払金額" })).toBe("前払金額は数字で入力してください");
  });
});

describe("maxByRatio / minByRatio", () => {
  it("round down and up to the yen", () => {
    expect(maxByRatio(ODD, { numerator: 4, denominator: 10 })).toBe(4_938_270n);
    expect(minByRatio(ODD, { numerator: 1, denominator: 10 })).toBe(1_234_568n);
    expect(minByRatio(10_000_000, { numerator: 1, denominator: 10 })).toBe(1_000_000n);
  });
});
