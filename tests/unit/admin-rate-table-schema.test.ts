import { describe, expect, it } from "vitest";
import { parsePercentToPpm, ZCreateRateTableSchema } from "@/lib/rate-table/schemas";

const form = (bands: { upTo?: string; rate?: string; fixedFee?: string }[], over: Record<string, unknown> = {}) => ({
  guaranteeType: "ADVANCE_PAYMENT",
  name: "前払金保証料率（令和8年改定）",
  isSample: false,
  effectiveFrom: "２０２６年４月１日",
  roundingUnit: "10",
  roundingMode: "FLOOR",
  minimumFee: "３，０００",
  bands: bands.map((b) => ({ upTo: b.upTo ?? "", rate: b.rate ?? "", fixedFee: b.fixedFee ?? "" })),
  ...over,
});

describe("parsePercentToPpm", () => {
  it.each([
    ["0.065", 650],
    ["0.065%", 650],
    ["０．０６５％", 650],
    ["0.1", 1_000],
    ["1", 10_000],
    ["0.0001", 1],
    ["100", 1_000_000],
  ])("reads %s as %i ppm", (input, ppm) => expect(parsePercentToPpm(input)).toBe(ppm));

  it.each(["", "0.00001", "-1", "abc", "100.0001", "1e-3"])("refuses %j", (input) => expect(parsePercentToPpm(input)).toBeNull());
});

describe("ZCreateRateTableSchema", () => {
  it("reads full-width input, skips empty band rows and leaves the last band open-ended", () => {
    const r = ZCreateRateTableSchema.safeParse(form([{ upTo: "10,000,000", rate: "0.1" }, {}, { rate: "0.08", fixedFee: "1,000" }, {}]));
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({
      effectiveFrom: "2026-04-01",
      roundingUnit: 10,
      minimumFee: 3_000,
      bands: [
        { upTo: 10_000_000, ratePpm: 1_000, fixedFee: 0 },
        { upTo: null, ratePpm: 800, fixedFee: 1_000 },
      ],
    });
  });

  it("puts each band problem on its own row and field", () => {
    const r = ZCreateRateTableSchema.safeParse(form([{ rate: "0.1" }, { upTo: "abc", rate: "x" }]));
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["bands.0.upTo", "bands.1.upTo", "bands.1.rate"]));
  });

  it("requires at least one band and a real date", () => {
    const r = ZCreateRateTableSchema.safeParse(form([{}], { effectiveFrom: "2026-02-30" }));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(["料率の区分を1行以上入力してください", "適用開始日を正しい日付で入力してください"]),
    );
  });
});
