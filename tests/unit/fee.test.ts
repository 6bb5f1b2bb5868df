import { describe, expect, it } from "vitest";
import { computeFee, formatPpmAsPercent } from "@/lib/fee/compute-fee";
import { pickRateTable } from "@/lib/fee/pick-rate-table";
import { assertValidRateTable } from "@/lib/fee/assert-valid-rate-table";
import type { RateTable } from "@/lib/fee/types";
import { DomainError, isDomainError } from "@/lib/errors";

const intermediate: RateTable = {
  id: "intermediate-2024",
  name: "中間前払金保証料率",
  guaranteeType: "INTERMEDIATE_ADVANCE",
  effectiveFrom: "2024-04-01",
  roundingUnit: 1,
  roundingMode: "FLOOR",
  minimumFee: 0,
  bands: [{ upTo: null, ratePpm: 650 }],
};

// サンプル料率 with three bands and fixed fees, as banded 前払金保証料 tables are shaped.
const banded: RateTable = {
  id: "advance-sample",
  name: "前払金保証料率（サンプル料率）",
  guaranteeType: "ADVANCE_PAYMENT",
  effectiveFrom: "2024-04-01",
  roundingUnit: 10,
  roundingMode: "FLOOR",
  minimumFee: 3_000,
  bands: [
    { upTo: 5_000_000, ratePpm: 1_500 },
    { upTo: 50_000_000, ratePpm: 1_200, fixedFee: 1_500 },
    { upTo: null, ratePpm: 1_000, fixedFee: 11_500 },
  ],
};

function expectDomainError(fn: () => unknown, code: DomainError["code"]) {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isDomainError(caught, code), `expected DomainError ${code}, got ${String(caught)}`).toBe(true);
  return caught as DomainError;
}

describe("computeFee", () => {
  it("charges 中間前払金保証料 at 0.065%: ¥10,000,000 → ¥6,500", () => {
    const result = computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: 10_000_000, rateTable: intermediate });
    expect(result.fee).toBe(6_500);
    expect(result.bandIndex).toBe(0);
    expect(result.rateLabel).toBe("0.065%");
    expect(result.breakdown).toEqual({
      rateTableId: "intermediate-2024",
      guaranteeAmount: 10_000_000,
      band: { from: null, upTo: null },
      ratePpm: 650,
      fixedFee: 0,
      exactFee: "6500",
      roundingUnit: 1,
      roundingMode: "FLOOR",
      roundedFee: 6_500,
      minimumFee: 0,
      minimumFeeApplied: false,
    });
  });

  it("accepts a bigint amount as Prisma returns it", () => {
    expect(computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: 10_000_000n, rateTable: intermediate }).fee).toBe(6_500);
  });

  it.each([
    // [amount, band, exact fee]
    [1_000, 0, 1.5],
    [4_999_999, 0, 7_499.9985],
    [5_000_000, 0, 7_500],
    [5_000_001, 1, 1_500 + 6_000.0012],
    [50_000_000, 1, 1_500 + 60_000],
    [50_000_001, 2, 11_500 + 50_000.001],
    [100_000_000_000, 2, 11_500 + 100_000_000],
  ])("puts ¥%i in band %i (upTo is inclusive)", (amount, bandIndex, exact) => {
    const result = computeFee({ guaranteeType: "ADVANCE_PAYMENT", guaranteeAmount: amount, rateTable: banded });
    expect(result.bandIndex).toBe(bandIndex);
    expect(Number(result.breakdown.exactFee)).toBeCloseTo(exact, 6);
    expect(result.fee).toBe(Math.max(3_000, Math.floor(exact / 10) * 10));
  });

  it("describes the band range for the fee statement", () => {
    const b = (amount: number) => computeFee({ guaranteeType: "ADVANCE_PAYMENT", guaranteeAmount: amount, rateTable: banded }).breakdown.band;
    expect(b(1)).toEqual({ from: null, upTo: 5_000_000 });
    expect(b(5_000_001)).toEqual({ from: 5_000_001, upTo: 50_000_000 });
    expect(b(50_000_001)).toEqual({ from: 50_000_001, upTo: null });
  });

  it("raises a small fee to the minimum and says so", () => {
    const result = computeFee({ guaranteeType: "ADVANCE_PAYMENT", guaranteeAmount: 1_000_000, rateTable: banded });
    expect(result.breakdown.roundedFee).toBe(1_500);
    expect(result.fee).toBe(3_000);
    expect(result.breakdown.minimumFeeApplied).toBe(true);
  });

  describe("rounding", () => {
    const table = (roundingMode: RateTable["roundingMode"], roundingUnit: number): RateTable => ({
      ...intermediate,
      roundingMode,
      roundingUnit,
    });
    const fee = (amount: number, mode: RateTable["roundingMode"], unit: number) =>
      computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: amount, rateTable: table(mode, unit) }).fee;

    it.each<[number, RateTable["roundingMode"], number, number]>([
      // 1,234,567 × 0.065% = 802.46855
      [1_234_567, "FLOOR", 1, 802],
      [1_234_567, "CEIL", 1, 803],
      [1_234_567, "ROUND_HALF_UP", 1, 802],
      [1_234_567, "FLOOR", 10, 800],
      [1_234_567, "CEIL", 10, 810],
      [1_234_567, "ROUND_HALF_UP", 10, 800],
      [1_234_567, "FLOOR", 100, 800],
      [1_234_567, "CEIL", 100, 900],
      [1_234_567, "ROUND_HALF_UP", 100, 800],
      // 1,000 × 0.065% = 0.65
      [1_000, "ROUND_HALF_UP", 1, 1],
      [1_000, "FLOOR", 1, 0],
      // 2,000,000 × 0.065% = 1,300 exactly: no mode moves an exact multiple
      [2_000_000, "CEIL", 100, 1_300],
      [2_000_000, "FLOOR", 100, 1_300],
      [2_000_000, "CEIL", 1_000, 2_000],
      // 7,000,000 × 0.065% = 4,550: exactly half of 100 rounds up
      [7_000_000, "ROUND_HALF_UP", 100, 4_600],
      [7_000_000, "FLOOR", 100, 4_500],
      // 769,230 × 0.065% = 499.9995: just below half of ¥1,000 stays down; 769,231 → 500.00015 goes up
      [769_230, "ROUND_HALF_UP", 1, 500],
      [769_230, "ROUND_HALF_UP", 1_000, 0],
      [769_231, "ROUND_HALF_UP", 1_000, 1_000],
    ])("¥%i %s to ¥%i → ¥%i", (amount, mode, unit, expected) => {
      expect(fee(amount, mode, unit)).toBe(expected);
    });

    it("rounds exactly half a yen up, not to even", () => {
      // 2,500 × 0.02% (200 ppm) = 0.5 and 7,500 × 0.02% = 1.5
      const t: RateTable = { ...intermediate, roundingMode: "ROUND_HALF_UP", bands: [{ upTo: null, ratePpm: 200 }] };
      expect(computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: 2_500, rateTable: t }).fee).toBe(1);
      expect(computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: 7_500, rateTable: t }).fee).toBe(2);
    });
  });

  it("is exact for huge amounts where floating point is not", () => {
    // 99,999,999,998 × 50.0001% = 50,000,099,998.999998; Math.floor(a * ppm / 1e6) in doubles gives …999.
    const t: RateTable = { ...intermediate, bands: [{ upTo: null, ratePpm: 500_001 }] };
    const r = computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: 99_999_999_998, rateTable: t });
    expect(r.breakdown.exactFee).toBe("50000099998.999998");
    expect(r.fee).toBe(50_000_099_998);
    const max = computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: 100_000_000_000, rateTable: intermediate });
    expect(max.fee).toBe(65_000_000);
    const odd = computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: 99_999_999_999, rateTable: intermediate });
    expect(odd.breakdown.exactFee).toBe("64999999.99935");
    expect(odd.fee).toBe(64_999_999);
  });

  it.each([0, -1, 1.5, 100_000_000_001, Number.NaN, 2 ** 60])("refuses the amount %d", (amount) => {
    expectDomainError(
      () => computeFee({ guaranteeType: "INTERMEDIATE_ADVANCE", guaranteeAmount: amount, rateTable: intermediate }),
      "VALIDATION",
    );
  });

  it("refuses a table of another guarantee type", () => {
    expectDomainError(
      () => computeFee({ guaranteeType: "CONTRACT", guaranteeAmount: 1_000_000, rateTable: intermediate }),
      "NO_RATE_TABLE",
    );
  });

  it("refuses an amount above the last bounded band", () => {
    const capped: RateTable = { ...banded, bands: banded.bands.slice(0, 2) };
    computeFee({ guaranteeType: "ADVANCE_PAYMENT", guaranteeAmount: 50_000_000, rateTable: capped });
    expectDomainError(
      () => computeFee({ guaranteeType: "ADVANCE_PAYMENT", guaranteeAmount: 50_000_001, rateTable: capped }),
      "NO_RATE_TABLE",
    );
  });
});

describe("assertValidRateTable", () => {
  it("accepts the sample tables", () => {
    expect(() => assertValidRateTable(banded)).not.toThrow();
    expect(() => assertValidRateTable(intermediate)).not.toThrow();
  });

  it("lists every problem at once", () => {
    const broken: RateTable = {
      ...banded,
      effectiveFrom: "2024/04/01",
      roundingUnit: 0,
      minimumFee: -1,
      bands: [
        { upTo: null, ratePpm: 1_000 },
        { upTo: 100, ratePpm: 1.5 },
        { upTo: 100, ratePpm: 100, fixedFee: -5 },
      ],
    };
    const error = expectDomainError(() => assertValidRateTable(broken), "VALIDATION");
    expect(error.details.problems).toHaveLength(7);
  });

  it("refuses an empty table", () => {
    expectDomainError(() => assertValidRateTable({ ...banded, bands: [] }), "VALIDATION");
  });
});

describe("formatPpmAsPercent", () => {
  it.each([
    [650, "0.065%"],
    [1_000, "0.1%"],
    [10_000, "1%"],
    [12_345, "1.2345%"],
    [1, "0.0001%"],
    [0, "0%"],
  ])("%i ppm → %s", (ppm, label) => {
    expect(formatPpmAsPercent(ppm)).toBe(label);
  });
});

describe("pickRateTable", () => {
  const tables = [
    { ...banded, id: "a-2023", effectiveFrom: "2023-04-01" },
    { ...banded, id: "a-2024", effectiveFrom: "2024-10-01" },
    { ...banded, id: "a-2026", effectiveFrom: "2026-04-01" },
    { ...intermediate, id: "i-2024", effectiveFrom: "2024-04-01" },
  ];

  it.each([
    ["2023-04-01", "a-2023"],
    ["2024-09-30", "a-2023"],
    ["2024-10-01", "a-2024"],
    ["2026-03-31", "a-2024"],
    ["2026-04-01", "a-2026"],
    ["2099-12-31", "a-2026"],
  ])("on %s uses %s", (onDate, id) => {
    expect(pickRateTable(tables, "ADVANCE_PAYMENT", onDate).id).toBe(id);
  });

  it("ignores tables of other types and keeps the caller's row type", () => {
    const picked = pickRateTable(tables, "INTERMEDIATE_ADVANCE", "2025-01-01");
    expect(picked.id).toBe("i-2024");
    expect(picked.bands[0].ratePpm).toBe(650);
  });

  it("fails with NO_RATE_TABLE before the first table or for a type without tables", () => {
    expectDomainError(() => pickRateTable(tables, "ADVANCE_PAYMENT", "2023-03-31"), "NO_RATE_TABLE");
    expectDomainError(() => pickRateTable(tables, "CONTRACT", "2025-01-01"), "NO_RATE_TABLE");
    expectDomainError(() => pickRateTable([], "CONTRACT", "2025-01-01"), "NO_RATE_TABLE");
  });

  it("fails with CONFLICT when two tables start on the same day", () => {
    const twins = [...tables, { ...banded, id: "a-2024-dup", effectiveFrom: "2024-10-01" }];
    expectDomainError(() => pickRateTable(twins, "ADVANCE_PAYMENT", "2025-01-01"), "CONFLICT");
    // An older duplicate no longer matters once a later table is in force.
    expect(pickRateTable(twins, "ADVANCE_PAYMENT", "2026-05-01").id).toBe("a-2026");
  });

  it("rejects a date that is not YYYY-MM-DD", () => {
    expect(() => pickRateTable(tables, "ADVANCE_PAYMENT", "2025/01/01")).toThrow(RangeError);
  });
});
