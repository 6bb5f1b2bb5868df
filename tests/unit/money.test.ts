import { describe, expect, it } from "vitest";
import { formatYen, formatYenMark, MAX_YEN, parseYen } from "@/lib/money";

describe("formatYenMark / formatYen", () => {
  it.each<[number | bigint, string, string]>([
    [12_340_000, "￥12,340,000", "12,340,000円"],
    [0, "￥0", "0円"],
    [999, "￥999", "999円"],
    [1_000, "￥1,000", "1,000円"],
    [100_000_000_000, "￥100,000,000,000", "100,000,000,000円"],
    [12_340_000n, "￥12,340,000", "12,340,000円"],
    [-6_500, "-￥6,500", "-6,500円"],
  ])("%d → %s / %s", (amount, mark, suffix) => {
    expect(formatYenMark(amount)).toBe(mark);
    expect(formatYen(amount)).toBe(suffix);
  });

  it("refuses fractional yen", () => {
    expect(() => formatYen(1.5)).toThrow(RangeError);
    expect(() => formatYenMark(Number.NaN)).toThrow(RangeError);
  });
});

describe("parseYen", () => {
  it.each([
    ["１２，３４０，０００円", 12_340_000],
    ["12,340,000円", 12_340_000],
    ["12340000", 12_340_000],
    ["￥12,340,000", 12_340_000],
    ["¥12,340,000", 12_340_000],
    ["\\12,340,000", 12_340_000],
    ["  12 340 000 円 ", 12_340_000],
    ["１２３４００００", 12_340_000],
    ["12，340,000", 12_340_000],
    ["\u3000６，５００円\u3000", 6_500],
    ["0", 0],
    ["０円", 0],
    ["007", 7],
    ["100,000,000,000", MAX_YEN],
    ["000100000000000", MAX_YEN],
  ])("%j → %i", (input, value) => {
    expect(parseYen(input)).toBe(value);
  });

  it.each([
    "",
    "円",
    "￥",
    "-1",
    "−1,000",
    "1.5",
    "1,000.0",
    "1e6",
    "100,000,000,001",
    "99999999999999999999999",
    "12,34,000",
    "1,0000",
    ",000",
    "1,000,",
    "1000円円",
    "円1000",
    "1000￥",
    "一万円",
    "1万円",
    "abc",
    "0x10",
  ])("returns null for %j", (input) => {
    expect(parseYen(input)).toBeNull();
  });
});
