import { describe, expect, it } from "vitest";
import { planGuarantees, type ApplicationForPlan } from "@/lib/contract/plan-guarantees";
import type { RateTable } from "@/lib/fee/types";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

const table = (over: Partial<RateTable> & Pick<RateTable, "guaranteeType">): RateTable => ({
  id: `${over.guaranteeType}-${over.effectiveFrom ?? "2024-04-01"}`,
  name: "料率表",
  effectiveFrom: "2024-04-01",
  roundingUnit: 1,
  roundingMode: "FLOOR",
  minimumFee: 0,
  bands: [{ upTo: null, ratePpm: 1_000 }],
  ...over,
});

const TABLES: RateTable[] = [
  table({ guaranteeType: "INTERMEDIATE_ADVANCE", bands: [{ upTo: null, ratePpm: 650 }] }),
  table({ guaranteeType: "ADVANCE_PAYMENT", bands: [{ upTo: 10_000_000, ratePpm: 1_000 }, { upTo: null, ratePpm: 800 }] }),
  table({ guaranteeType: "ADVANCE_PAYMENT", effectiveFrom: "2026-04-01", bands: [{ upTo: null, ratePpm: 500 }] }),
  table({ guaranteeType: "CONTRACT", bands: [{ upTo: null, ratePpm: 500 }] }),
];

const RULE = {
  acceptsElectronic: true,
  startDate: "2024-12-01",
  workCategories: ["CONSTRUCTION", "CONSULTING"] as const,
  guaranteeTypes: ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT"] as const,
};

const app = (over: Partial<ApplicationForPlan> = {}): ApplicationForPlan => ({
  menu: "ADVANCE",
  withContractGuarantee: true,
  deliveryMethod: "ELECTRONIC",
  ordererId: "o",
  departmentId: "d",
  workName: "市道武岡線道路改良工事",
  workCategory: "CONSTRUCTION",
  bidDate: d("2025-01-15"),
  contractDate: d("2025-01-20"),
  periodFrom: d("2025-01-21"),
  periodTo: d("2026-03-19"),
  contractAmount: 100_000_000n,
  advanceAmount: 40_000_000n,
  intermediateAmount: null,
  contractGuaranteeAmount: 10_000_000n,
  ...over,
});

const plan = (a: ApplicationForPlan, onDate = "2025-02-01", rule: Parameters<typeof planGuarantees>[0]["rule"] = { ...RULE, workCategories: [...RULE.workCategories], guaranteeTypes: [...RULE.guaranteeTypes] }) =>
  planGuarantees({ application: a, rule, rateTables: TABLES, onDate });

describe("planGuarantees", () => {
  it("plans 前払金保証 and 契約保証 for menu 1 with 契約保証, each with its own amount and fee", () => {
    const p = plan(app());
    expect(p.blockers).toEqual([]);
    expect(p.guarantees.map((g) => [g.guaranteeType, g.guaranteeAmount, g.fee.ok && g.fee.result.fee])).toEqual([
      ["ADVANCE_PAYMENT", 40_000_000n, 32_000],
      ["CONTRACT", 10_000_000n, 5_000],
    ]);
    expect(p.totalFee).toBe(37_000);
    expect(p.eligibility).toEqual({ eligible: true });
  });

  it("charges 中間前払金保証 at 0.065% of the intermediate amount", () => {
    const p = plan(app({ menu: "INTERMEDIATE", withContractGuarantee: false, advanceAmount: null, intermediateAmount: 10_000_000n }));
    expect(p.guarantees).toHaveLength(1);
    expect(p.guarantees[0]!.fee.ok && p.guarantees[0]!.fee.result.fee).toBe(6_500);
  });

  it("uses the rate table in force on the date: the new version from its first day, the old one the day before", () => {
    const fee = (onDate: string) => {
      const g = plan(app({ withContractGuarantee: false }), onDate).guarantees[0]!;
      return g.fee.ok ? [g.fee.rateTable.effectiveFrom, g.fee.result.fee] : null;
    };
    expect(fee("2026-03-31")).toEqual(["2024-04-01", 32_000]);
    expect(fee("2026-04-01")).toEqual(["2026-04-01", 20_000]);
  });

  it("runs 保証期間 from 契約日 to the end of 工期, or from 工期（自） when there is no 契約日", () => {
    expect(plan(app()).period).toEqual({ from: "2025-01-20", to: "2026-03-19" });
    expect(plan(app({ contractDate: null })).period).toEqual({ from: "2025-01-21", to: "2026-03-19" });
  });

  it("blocks a period that ends before it starts", () => {
    const p = plan(app({ contractDate: d("2026-04-01") }));
    expect(p.blockers.map((b) => b.code)).toEqual(["VALIDATION"]);
  });

  it("blocks a guarantee whose 工期（至） has passed by the conclusion date (the last day itself still concludes)", () => {
    expect(plan(app(), "2026-03-19").blockers).toEqual([]);
    const p = plan(app(), "2026-03-20");
    expect(p.blockers.map((b) => b.code)).toEqual(["PERIOD_ENDED"]);
    expect(p.blockers[0]!.message).toBe("保証期間（工期（至） 令和8年3月19日）が既に終わっています");
  });

  it("blocks when no rate table applies, and shows no total", () => {
    const p = plan(app(), "2024-03-31");
    expect(p.totalFee).toBeNull();
    expect(p.blockers.map((b) => b.code)).toEqual(["NO_RATE_TABLE", "NO_RATE_TABLE"]);
    expect(p.blockers[0]!.message).toContain("前払金保証の料率表がありません");
  });

  it("lists every missing field in one blocker", () => {
    const p = plan(app({ departmentId: null, contractAmount: null, contractGuaranteeAmount: null, contractDate: null, periodFrom: null }));
    expect(p.blockers[0]!.code).toBe("INVALID_STATE");
    expect(p.blockers[0]!.message).toContain("担当課");
    expect(p.blockers[0]!.message).toContain("請負代金額");
    expect(p.blockers[0]!.message).toContain("契約日または工期（自）");
    expect(p.blockers[0]!.message).toContain("契約保証金額");
    expect(p.period).toBeNull();
  });

  it("blocks 電子交付 the orderer does not take, with the reason; 書面 needs no eligibility", () => {
    const early = plan(app({ bidDate: d("2024-11-30") }));
    expect(early.blockers.map((b) => b.code)).toEqual(["NOT_ELIGIBLE_FOR_ELECTRONIC"]);
    expect(early.blockers[0]!.message).toContain("令和6年12月1日以降");
    const paper = plan(app({ deliveryMethod: "PAPER", bidDate: d("2024-11-30") }), "2025-02-01", null);
    expect(paper.eligibility).toBeNull();
    expect(paper.blockers).toEqual([]);
  });
});
