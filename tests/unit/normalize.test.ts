import { describe, expect, it } from "vitest";
import {
  charCount,
  nfkc,
  normalizeCode,
  normalizeMultilineText,
  normalizeText,
  parseDateInput,
  parseYenInput,
} from "@/lib/normalize";

describe("nfkc", () => {
  it("turns full-width digits, letters and the ideographic space into ASCII", () => {
    expect(nfkc("ＡＢＣ１２３　－")).toBe("ABC123 -");
  });
});

describe("normalizeText (free text, kept as typed)", () => {
  it("collapses runs of spaces, tabs and line breaks, keeps one 全角スペース of a run of them, and trims", () => {
    expect(normalizeText("　市道\t 甲突線\r\n\n 改良工事　　（その２） ")).toBe("市道 甲突線 改良工事　（その２）");
  });

  it.each([
    "鹿児島市道 改良工事（第3工区）",
    "鹿児島市道　改良工事（第３工区）",
    "第Ⅱ期　㈱サンプル ①工区",
    "𠮷田川護岸工事【その１】～第２期～",
    "\uFA19社（\uFA19 は互換漢字）周辺整備",
    "ＡＢＣ－１２３号線",
  ])("keeps %j character for character", (typed) => {
    expect(normalizeText(typed)).toBe(typed);
  });

  it("turns 半角カタカナ (with voiced marks) into 全角 and leaves everything around it alone", () => {
    expect(normalizeText("ｶﾞｰﾃﾞﾝ（第１工区）")).toBe("ガーデン（第１工区）");
  });

  it("makes the invisible-width Unicode spaces plain spaces", () => {
    expect(normalizeText("市道\u00A0\u2003改良")).toBe("市道 改良");
  });

  it("removes control characters, zero-width spaces and bidi overrides rather than keeping them invisibly", () => {
    expect(normalizeText("鹿児島\u0000市\u0007\u200B役所\u202E\u009F")).toBe("鹿児島市役所");
  });

  it("does not leave two spaces where a control character sat between spaces", () => {
    expect(normalizeText("a \u0001 b")).toBe("a b");
  });

  it("gives an empty string for input that is only whitespace or controls", () => {
    expect(normalizeText(" \u3000\t\u0000\n")).toBe("");
  });
});

describe("normalizeMultilineText", () => {
  it("keeps line breaks (as \\n) but tidies each line and folds blank runs", () => {
    expect(normalizeMultilineText("  一行目　 です \r\n\r\n\r\n\r\n２行目\u0000\r三行目  ")).toBe(
      "一行目　です\n\n２行目\n三行目",
    );
  });

  it("keeps full-width brackets, Ⅱ, ㈱ and ① as typed", () => {
    expect(normalizeMultilineText("第Ⅱ期（㈱サンプル）\n①現場説明")).toBe("第Ⅱ期（㈱サンプル）\n①現場説明");
  });
});

describe("normalizeCode (numbers, codes, addresses)", () => {
  it("applies NFKC, then tidies as one line", () => {
    expect(normalizeCode("　０９９－０００－００００　")).toBe("099-000-0000");
    expect(normalizeCode("ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ")).toBe("info@example.jp");
    expect(normalizeCode("２０２４　０００１２３４")).toBe("2024 0001234");
  });
});

describe("charCount", () => {
  it("counts a surrogate pair (𠮷) as one character", () => {
    expect(charCount("𠮷野家")).toBe(3);
  });
});

describe("parseYenInput", () => {
  it.each([
    ["１２，３４０，０００円", 12_340_000],
    ["12,340,000", 12_340_000],
    ["12340000", 12_340_000],
    ["￥12,340,000", 12_340_000],
    ["¥12340000円", 12_340_000],
    [" 12 340 000 円 ", 12_340_000],
    ["００１", 1],
    ["100000000000", 100_000_000_000],
  ])("reads %j as %d", (input, expected) => {
    expect(parseYenInput(input)).toBe(expected);
  });

  it.each(["", "   ", "円", "abc", "12.5", "1,2345", "12,34,000", "１２万円", "1e6", "0x10", "12-3", "¥", "--1"])(
    "gives null for %j",
    (input) => {
      expect(parseYenInput(input)).toBeNull();
    },
  );

  it("reads amounts that are out of range so the form can say why (zero, negative, over the limit)", () => {
    expect(parseYenInput("0")).toBe(0);
    expect(parseYenInput("－５００円")).toBe(-500);
    expect(parseYenInput("100,000,000,001")).toBe(100_000_000_001);
  });

  it("returns Infinity rather than an inexact number for an absurdly long amount", () => {
    expect(parseYenInput("9".repeat(400))).toBe(Number.POSITIVE_INFINITY);
    expect(parseYenInput("12345678901234567")).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("parseDateInput", () => {
  it.each([
    ["2024-12-01", "2024-12-01"],
    ["2024/12/01", "2024-12-01"],
    ["2024/1/5", "2024-01-05"],
    ["2024年12月1日", "2024-12-01"],
    ["２０２４年１２月１日", "2024-12-01"],
    ["２０２４／１２／０１", "2024-12-01"],
    [" 2024 年 12 月 1 日 ", "2024-12-01"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
  ])("reads %j as %s", (input, expected) => {
    expect(parseDateInput(input)).toBe(expected);
  });

  it.each([
    "",
    "2023-02-29",
    "1900-02-29",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-12-00",
    "2024-12-1x",
    "2024/12-01",
    "24-12-01",
    "2024年12月1",
    "令和6年12月1日",
    "20241201",
  ])("gives null for %j (not a real date or not a format we read)", (input) => {
    expect(parseDateInput(input)).toBeNull();
  });
});
