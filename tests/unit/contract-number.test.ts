import { describe, expect, it } from "vitest";
import { dammCheckDigit, isDammValid } from "@/lib/contract-number/damm";
import { fiscalYearOf } from "@/lib/contract-number/fiscal-year-of";
import { formatContractNumber } from "@/lib/contract-number/format-contract-number";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { isDomainError } from "@/lib/errors";

// Deterministic PRNG so a failure names a reproducible body.
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("Damm check digit", () => {
  it("matches the published worked example (572 → 4)", () => {
    expect(dammCheckDigit("572")).toBe(4);
    expect(isDammValid("5724")).toBe(true);
    expect(isDammValid("5723")).toBe(false);
  });

  it("rejects non-digit input", () => {
    expect(() => dammCheckDigit("12a")).toThrow(RangeError);
    expect(isDammValid("１２")).toBe(false);
    expect(isDammValid("")).toBe(false);
  });

  it("detects every single-digit substitution and every adjacent transposition in 20,000 random numbers", () => {
    const rand = mulberry32(20241201);
    let checked = 0;
    for (let n = 0; n < 20_000; n++) {
      let body = "";
      for (let i = 0; i < 11; i++) body += Math.floor(rand() * 10);
      const full = body + dammCheckDigit(body);
      expect(isDammValid(full)).toBe(true);
      const d = full.split("");
      for (let pos = 0; pos < d.length; pos++) {
        for (let v = 0; v < 10; v++) {
          if (String(v) === d[pos]) continue;
          const wrong = [...d];
          wrong[pos] = String(v);
          if (isDammValid(wrong.join(""))) throw new Error(`substitution undetected: ${full} → ${wrong.join("")}`);
          checked++;
        }
        if (pos + 1 < d.length && d[pos] !== d[pos + 1]) {
          const swapped = [...d];
          [swapped[pos], swapped[pos + 1]] = [swapped[pos + 1], swapped[pos]];
          if (isDammValid(swapped.join(""))) throw new Error(`transposition undetected: ${full} → ${swapped.join("")}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20_000 * 12 * 9);
  });
});

describe("formatContractNumber", () => {
  it("shows 年度, 7-digit sequence and check digit as 2024-0001234-5", () => {
    const formatted = formatContractNumber({ fiscalYear: 2024, sequence: 1234 });
    // DOMAIN.md's illustration "2024-0001234-5" only shows the shape; its real check digit is 0.
    expect(formatted).toBe("2024-0001234-0");
    expect(formatContractNumber({ fiscalYear: 2025, sequence: 1 })).toBe("2025-0000001-4");
    expect(formatted.at(-1)).toBe(String(dammCheckDigit("20240001234")));
    expect(isDammValid(formatted.replaceAll("-", ""))).toBe(true);
  });

  it("pads the first number of a year and allows the last", () => {
    expect(formatContractNumber({ fiscalYear: 2025, sequence: 1 })).toMatch(/^2025-0000001-\d$/);
    expect(formatContractNumber({ fiscalYear: 2025, sequence: 9_999_999 })).toMatch(/^2025-9999999-\d$/);
  });

  it.each([
    { fiscalYear: 2024, sequence: 0 },
    { fiscalYear: 2024, sequence: 10_000_000 },
    { fiscalYear: 2024, sequence: 1.5 },
    { fiscalYear: 999, sequence: 1 },
    { fiscalYear: 10_000, sequence: 1 },
  ])("refuses out-of-range parts %o instead of producing a wrong number", (parts) => {
    expect.assertions(1);
    try {
      formatContractNumber(parts);
    } catch (e) {
      expect(isDomainError(e, "INVALID_CONTRACT_NUMBER")).toBe(true);
    }
  });
});

describe("parseContractNumber", () => {
  const canonical = formatContractNumber({ fiscalYear: 2024, sequence: 1234 });
  const check = canonical.at(-1)!;
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it.each([
    ["canonical", canonical],
    ["no hyphens", `20240001234${check}`],
    ["one hyphen", `2024-0001234${check}`],
    ["surrounding and inner spaces", `  2024 - 0001234 - ${check} `],
    ["ideographic space", `2024\u30000001234\u3000${check}`],
    ["full-width digits and hyphens", fullWidth(`2024－0001234－${check}`)],
    ["full-width digits, no hyphens", fullWidth(`20240001234${check}`)],
    ["katakana long vowel mark as hyphen", `2024ー0001234ー${check}`],
    ["half-width katakana long vowel mark", `2024ｰ0001234ｰ${check}`],
    ["minus sign", `2024−0001234−${check}`],
    ["hyphen U+2010", `2024‐0001234‐${check}`],
    ["en dash", `2024–0001234–${check}`],
    ["em dash", `2024—0001234—${check}`],
  ])("accepts %s", (_name, input) => {
    expect(parseContractNumber(input)).toEqual({ ok: true, value: canonical, fiscalYear: 2024, sequence: 1234 });
  });

  it("reports a mistyped digit as CHECK_DIGIT", () => {
    expect(parseContractNumber("2024-0001234-5")).toEqual({ ok: false, reason: "CHECK_DIGIT" });
    const wrong = canonical.slice(0, -1) + ((Number(check) + 1) % 10);
    expect(parseContractNumber(wrong)).toEqual({ ok: false, reason: "CHECK_DIGIT" });
    expect(parseContractNumber("2024-0001243-" + check)).toEqual({ ok: false, reason: "CHECK_DIGIT" });
  });

  it.each([
    "",
    "2024-001234-5",
    "2024-00012345-5",
    "2024--0001234-5",
    "24-0001234-5",
    "2024-0001234",
    "abcd-efghijk-l",
    "2024-0001234-5-",
    "2024/0001234/5",
    "٢٠٢٤-٠٠٠١٢٣٤-٥",
  ])("reports %j as FORMAT", (input) => {
    expect(parseContractNumber(input)).toEqual({ ok: false, reason: "FORMAT" });
  });

  it("treats sequence 0000000 and a leading-zero year as FORMAT even with a valid check digit", () => {
    expect(parseContractNumber(`20240000000${dammCheckDigit("20240000000")}`)).toEqual({ ok: false, reason: "FORMAT" });
    expect(parseContractNumber(`02400001234${dammCheckDigit("02400001234")}`)).toEqual({ ok: false, reason: "FORMAT" });
  });

  it("round-trips every formatted number", () => {
    for (const [fiscalYear, sequence] of [[2019, 1], [2024, 1234], [2099, 9_999_999], [2030, 5_000_000]]) {
      const parsed = parseContractNumber(formatContractNumber({ fiscalYear, sequence }));
      expect(parsed).toMatchObject({ ok: true, fiscalYear, sequence });
    }
  });
});

describe("fiscalYearOf (年度 in Japan time)", () => {
  it.each([
    ["2024-04-01T00:00:00+09:00", 2024],
    ["2024-12-01T12:00:00+09:00", 2024],
    ["2025-03-31T23:59:59+09:00", 2024],
    ["2025-04-01T00:00:00+09:00", 2025],
    // 2025-03-31T15:00Z is already 2025-04-01 in Japan.
    ["2025-03-31T15:00:00Z", 2025],
    ["2025-03-31T14:59:59Z", 2024],
    ["2025-01-01T00:00:00+09:00", 2024],
  ])("%s → %i年度", (iso, year) => {
    expect(fiscalYearOf(new Date(iso))).toBe(year);
  });

  it("rejects an invalid Date", () => {
    expect(() => fiscalYearOf(new Date("nope"))).toThrow(RangeError);
  });
});
