import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZApplicationDraftSchema, ZApplicationSubmitSchema } from "@/lib/guarantee-application/schemas";
import { normalizeText, parseDateInput, parseYenInput } from "@/lib/normalize";

const FIELDS = [
  "menu",
  "withContractGuarantee",
  "baseContractId",
  "ordererId",
  "departmentId",
  "workName",
  "workLocation",
  "workCategory",
  "bidDate",
  "contractDate",
  "periodFrom",
  "periodTo",
  "contractAmount",
  "advanceAmount",
  "intermediateAmount",
  "contractGuaranteeAmount",
  "lowBidInvestigation",
  "deliveryMethod",
  "notes",
];

/** Strings a person, a paste or an attacker might send: controls, 全角, surrogates, digits and yen signs, long runs. */
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."０１２３４５６７８９，円￥¥　 ,.-/年月日\u0000\u0085\u200B\u202E\uFEFF\uD800"), maxLength: 30 }),
  fc.constantFrom("ADVANCE", "INTERMEDIATE", "ADVANCE_AFTER_CONTRACT", "on", "CONSTRUCTION", "ELECTRONIC", "2024-02-29"),
  fc.integer({ min: 1, max: 10_000 }).map((n) => "９".repeat(n)),
  fc.constant("あ".repeat(10_000)),
  fc.constant("\u0000".repeat(10_000)),
);

/** Not only strings: a JSON API or a tampered request can send anything. */
const anyValue = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e300, 2n ** 80n, new Date(Number.NaN)) },
);

const formLike = fc.dictionary(fc.constantFrom(...FIELDS, "__proto__", "constructor", "$ACTION_ID_x"), anyValue);

describe("the application schemas never throw", () => {
  it("on random forms, for both 一時保存 and 申込", () => {
    fc.assert(
      fc.property(formLike, (form) => {
        for (const schema of [ZApplicationDraftSchema, ZApplicationSubmitSchema]) {
          const result = schema.safeParse(form);
          if (!result.success) {
            for (const issue of result.error.issues) expect(typeof issue.message).toBe("string");
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("on inputs that are not forms at all", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(ZApplicationDraftSchema.safeParse(input).success).toBe(false);
        expect(ZApplicationSubmitSchema.safeParse(input).success).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("with a valid menu and every other field hostile, every message is Japanese", () => {
    fc.assert(
      fc.property(fc.constantFrom("ADVANCE", "ADVANCE_AFTER_CONTRACT", "INTERMEDIATE"), formLike, (menu, form) => {
        const result = ZApplicationSubmitSchema.safeParse({ ...form, menu });
        if (!result.success) {
          for (const issue of result.error.issues) expect(issue.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the normalisers never throw and stay within their contract", () => {
  it("parseYenInput gives null or a number; parseDateInput null or YYYY-MM-DD; normalizeText no controls", () => {
    fc.assert(
      fc.property(nastyString, (s) => {
        const yen = parseYenInput(s);
        expect(yen === null || typeof yen === "number").toBe(true);
        const date = parseDateInput(s);
        expect(date === null || /^\d{4}-\d{2}-\d{2}$/.test(date)).toBe(true);
        expect(normalizeText(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]|^\s|\s$|\s{2}/);
      }),
      { numRuns: 500 },
    );
  });
});
