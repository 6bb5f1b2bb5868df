/**
 * The rules of 保証契約締結後の変更 as pure functions: the form schema (what a contractor may ask for), the published
 * amount rules applied to the new values, and the plan of what approval does (the fee difference to the yen).
 */
import { describe, expect, it } from "vitest";
import type { ChangeContext } from "@/lib/change/change-context";
import { contractStateOf, planChange } from "@/lib/change/plan-change";
import { changeFieldErrors, changeRequestSchemaFor } from "@/lib/change/schemas";
import type { RateTable } from "@/lib/fee/types";

const advance: ChangeContext = {
  contractId: "00000000-0000-4000-8000-000000000001",
  contractNumber: "2025-0000001-3",
  guaranteeType: "ADVANCE_PAYMENT",
  workName: "市道武岡線道路改良工事",
  workCategory: "CONSTRUCTION",
  lowBidInvestigation: false,
  contractAmount: 100_000_000,
  guaranteeAmount: 40_000_000,
  advanceAmount: null,
  contractDate: "2025-01-20",
  workPeriodFrom: "2025-01-21",
  workPeriodTo: "2026-03-19",
  periodFrom: "2025-01-20",
  periodTo: "2026-03-19",
  companyName: "株式会社サンプル建設",
  address: "鹿児島県鹿児島市山下町11番1号",
  fee: 32_000,
};

const TODAY = "2025-07-01";
const parse = (ctx: ChangeContext, input: Record<string, string>) => changeRequestSchemaFor(ctx, TODAY).safeParse(input);
const errorsOf = (ctx: ChangeContext, input: Record<string, string>) => {
  const r = parse(ctx, input);
  return r.success ? {} : changeFieldErrors(r.error);
};

/** The seeded サンプル料率 of 前払金保証. */
const SAMPLE_ADVANCE: RateTable = {
  id: "sample-advance",
  name: "前払金保証料率 サンプル料率",
  guaranteeType: "ADVANCE_PAYMENT",
  effectiveFrom: "2024-04-01",
  roundingUnit: 1,
  roundingMode: "FLOOR",
  minimumFee: 0,
  bands: [
    { upTo: 10_000_000, ratePpm: 1_000 },
    { upTo: 100_000_000, ratePpm: 800 },
    { upTo: 1_000_000_000, ratePpm: 600 },
    { upTo: null, ratePpm: 400 },
  ],
};

describe("the change form", () => {
  it("reads full-width digits, commas and 円, and keeps only the fields of the kind", () => {
    const r = parse(advance, {
      kind: "INCREASE",
      newContractAmount: "１２０，０００，０００円",
      newGuaranteeAmount: "￥48,000,000",
      newPeriodTo: "2030-01-01",
      changeContractDate: "２０２５年６月１日",
      reason: "  設計変更  ",
      requestToken: "0b9a3f0e-5c7d-4e1a-9f3b-2a6c8d4e1f70",
    });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({
      kind: "INCREASE",
      newContractAmount: 120_000_000,
      newGuaranteeAmount: 48_000_000,
      newPeriodTo: null,
      newCompanyName: null,
      newAddress: null,
      changeContractDate: "2025-06-01",
      reason: "設計変更",
      requestToken: "0b9a3f0e-5c7d-4e1a-9f3b-2a6c8d4e1f70",
    });
  });

  it("says in Japanese, beside each field, what is missing — all at once", () => {
    expect(errorsOf(advance, { kind: "INCREASE" })).toEqual({
      newContractAmount: ["変更後の請負代金額を入力してください"],
      newGuaranteeAmount: ["変更後の前払金額を入力してください"],
      changeContractDate: ["変更契約日を入力してください"],
      reason: ["変更の理由を入力してください"],
    });
    expect(errorsOf(advance, { kind: "PERIOD_CHANGE", newPeriodTo: "2025-02-30", changeContractDate: "abc", reason: "x" })).toEqual({
      newPeriodTo: ["変更後の工期（至）は正しい日付で入力してください（例：2025-03-31）"],
      changeContractDate: ["変更契約日は正しい日付で入力してください（例：2025-03-31）"],
    });
  });

  it("applies the published ratios to the new amounts (前払金 ≤ 4/10, 3/10 for consulting; 契約保証 ≥ 1/10; 中間 ≤ 2/10 and 6/10 together)", () => {
    const base = { changeContractDate: "2025-06-01", reason: "変更" };
    expect(errorsOf(advance, { ...base, kind: "INCREASE", newContractAmount: "120000000", newGuaranteeAmount: "48000001" }).newGuaranteeAmount).toEqual([
      "変更後の前払金額は変更後の請負代金額の10分の4以下（48,000,000円以下）で入力してください",
    ]);
    expect(errorsOf(advance, { ...base, kind: "INCREASE", newContractAmount: "120000000", newGuaranteeAmount: "48000000" })).toEqual({});
    const consulting = { ...advance, workCategory: "CONSULTING" as const };
    expect(errorsOf(consulting, { ...base, kind: "INCREASE", newContractAmount: "140000000", newGuaranteeAmount: "42000001" }).newGuaranteeAmount?.[0]).toContain(
      "10分の3以下（42,000,000円以下）",
    );

    const contract = { ...advance, guaranteeType: "CONTRACT" as const, guaranteeAmount: 10_000_000 };
    expect(errorsOf(contract, { ...base, kind: "DECREASE", newContractAmount: "80000000", newGuaranteeAmount: "7999999" }).newGuaranteeAmount).toEqual([
      "変更後の契約保証金額は変更後の請負代金額の10分の1以上（8,000,000円以上）で入力してください",
    ]);
    expect(
      errorsOf({ ...contract, lowBidInvestigation: true, guaranteeAmount: 30_000_000 }, { ...base, kind: "DECREASE", newContractAmount: "90000000", newGuaranteeAmount: "26999999" })
        .newGuaranteeAmount?.[0],
    ).toContain("低入札価格調査の対象となる契約の");

    const intermediate = { ...advance, guaranteeType: "INTERMEDIATE_ADVANCE" as const, guaranteeAmount: 20_000_000, advanceAmount: 40_000_000 };
    expect(errorsOf(intermediate, { ...base, kind: "INCREASE", newContractAmount: "110000000", newGuaranteeAmount: "22000001" }).newGuaranteeAmount?.[0]).toContain(
      "10分の2以下（22,000,000円以下）",
    );
    expect(errorsOf(intermediate, { ...base, kind: "INCREASE", newContractAmount: "100000000", newGuaranteeAmount: "20000001" }).newGuaranteeAmount).toEqual([
      "変更後の中間前払金額は変更後の請負代金額の10分の2以下（20,000,000円以下）で入力してください",
      "前払金額と中間前払金額の合計は請負代金額の10分の6以下（60,000,000円以下）で入力してください",
    ]);
  });

  it("makes 増額 increase and 減額 decrease the guarantee", () => {
    const base = { changeContractDate: "2025-06-01", reason: "変更", newContractAmount: "100000000" };
    expect(errorsOf(advance, { ...base, kind: "INCREASE", newGuaranteeAmount: "40000000" }).newGuaranteeAmount?.[0]).toContain("増額の場合は");
    expect(errorsOf(advance, { ...base, kind: "DECREASE", newGuaranteeAmount: "40000000" }).newGuaranteeAmount?.[0]).toContain("減額の場合は");
  });

  it("checks the dates: 変更契約日 between 契約日 and today, a new 工期（至） that changes and stays after its start", () => {
    expect(errorsOf(advance, { kind: "PERIOD_CHANGE", newPeriodTo: "2026-03-19", changeContractDate: "2025-01-19", reason: "x" })).toEqual({
      changeContractDate: ["変更契約日は当初の契約日（令和7年1月20日）以降の日付を入力してください"],
      newPeriodTo: ["変更後の工期（至）が現在の工期（至）と同じです"],
    });
    expect(errorsOf(advance, { kind: "PERIOD_CHANGE", newPeriodTo: "2025-05-31", changeContractDate: "2025-06-01", reason: "x" }).newPeriodTo).toEqual([
      "変更後の工期（至）は変更契約日以降の日付を入力してください",
    ]);
    expect(errorsOf(advance, { kind: "PERIOD_CHANGE", newPeriodTo: "2026-09-30", changeContractDate: "2025-07-02", reason: "x" }).changeContractDate).toEqual([
      "変更契約日に未来の日付は入力できません",
    ]);
  });

  it("needs a different name or address for 請負者の名称・所在地の変更", () => {
    expect(
      errorsOf(advance, { kind: "CONTRACTOR_INFO", newCompanyName: advance.companyName, newAddress: advance.address, changeContractDate: "2025-06-01", reason: "x" }),
    ).toEqual({ newCompanyName: ["商号又は名称・所在地のどちらも現在と同じです。変更後の内容を入力してください"] });
  });
});

describe("planChange", () => {
  const state = contractStateOf(advance);
  const request = { newContractAmount: null, newGuaranteeAmount: null, newPeriodTo: null, newCompanyName: null, newAddress: null };

  it("charges the difference for 増額 with the table in force on the approval date", () => {
    const p = planChange({
      contract: state,
      request: { ...request, kind: "INCREASE", newContractAmount: 120_000_000n, newGuaranteeAmount: 48_000_000n },
      rateTables: [SAMPLE_ADVANCE],
      onDate: TODAY,
    });
    expect(p.fee).toMatchObject({ before: 32_000n, difference: 6_400n, after: 38_400n });
    expect(p.summary).toBe("増額（保証金額 40,000,000円 → 48,000,000円、請負代金額 100,000,000円 → 120,000,000円）");
    expect(p.blockers).toEqual([]);
  });

  it("refunds for 減額, across bands, and never charges for one", () => {
    const p = planChange({
      contract: state,
      request: { ...request, kind: "DECREASE", newContractAmount: 20_000_000n, newGuaranteeAmount: 8_000_000n },
      rateTables: [SAMPLE_ADVANCE],
      onDate: TODAY,
    });
    expect(p.fee).toMatchObject({ difference: -24_000n, after: 8_000n });
    // A newer, dearer table: the 減額 still charges nothing.
    const dearer: RateTable = { ...SAMPLE_ADVANCE, id: "dearer", effectiveFrom: "2025-04-01", bands: [{ upTo: null, ratePpm: 5_000 }] };
    const q = planChange({
      contract: state,
      request: { ...request, kind: "DECREASE", newContractAmount: 90_000_000n, newGuaranteeAmount: 36_000_000n },
      rateTables: [SAMPLE_ADVANCE, dearer],
      onDate: TODAY,
    });
    expect(q.fee.computed?.rateTable.id).toBe("dearer");
    expect(q.fee.difference).toBe(0n);
  });

  it("reports a missing rate table as a blocker instead of guessing", () => {
    const p = planChange({
      contract: state,
      request: { ...request, kind: "INCREASE", newContractAmount: 120_000_000n, newGuaranteeAmount: 48_000_000n },
      rateTables: [],
      onDate: TODAY,
    });
    expect(p.blockers).toEqual([`${TODAY}に適用される前払金保証の料率表がありません`]);
  });

  it("moves 工期（至） and 保証期間（至） together for 保証期限変更, with no fee difference", () => {
    const p = planChange({ contract: state, request: { ...request, kind: "PERIOD_CHANGE", newPeriodTo: "2026-09-30" }, rateTables: [], onDate: TODAY });
    expect(p.after).toMatchObject({ workPeriodTo: "2026-09-30", periodTo: "2026-09-30", fee: 32_000n });
    expect(p.fee.difference).toBe(0n);
    expect(p.summary).toBe("保証期限変更（保証期間（至） 令和8年3月19日 → 令和8年9月30日）");
  });
});
