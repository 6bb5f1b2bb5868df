import { z } from "zod";
import { GUARANTEE_TYPES } from "@/lib/guarantee-application/codes";
import { MAX_YEN } from "@/lib/money";
import { nfkc, normalizeText, parseDateInput, parseYenInput } from "@/lib/normalize";

export const RATE_TABLE_MAX_BANDS = 10;
export const ROUNDING_MODES = ["FLOOR", "ROUND_HALF_UP", "CEIL"] as const;
export const ROUNDING_MODE_LABELS: Record<(typeof ROUNDING_MODES)[number], string> = {
  FLOOR: "切り捨て",
  ROUND_HALF_UP: "四捨五入",
  CEIL: "切り上げ",
};

/**
 * A rate written as a percentage (「0.065」「0.065%」「０．０６５％」) in parts per million: 0.065% = 650 ppm.
 * At most four decimals, so the ppm value is exact. Returns null for anything else.
 */
export function parsePercentToPpm(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?%?$/.exec(nfkc(input).replace(/\s+/g, ""));
  if (!m) return null;
  const ppm = Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"));
  return ppm <= 1_000_000 ? ppm : null;
}

const yen = (label: string, { min }: { min: number }) =>
  z.string().transform((s, ctx) => {
    const v = parseYenInput(s);
    if (v === null || !Number.isSafeInteger(v) || v < min || v > MAX_YEN) {
      ctx.addIssue({ code: "custom", message: `${label}は${min}円以上の整数で入力してください` });
      return z.NEVER;
    }
    return v;
  });

const ZBandRowSchema = z.object({
  upTo: z.string().default(""),
  rate: z.string().default(""),
  fixedFee: z.string().default(""),
});

/**
 * 料率表の新しい版. Bands are the rows of the form: empty rows are skipped, and only the last band may leave
 * 「保証金額（以下）」 blank (= no upper limit). The shape rules of lib/fee (ascending bounds …) are checked by the
 * domain function with assertValidRateTable.
 */
export const ZCreateRateTableSchema = z.object({
  guaranteeType: z.enum(GUARANTEE_TYPES, { error: "保証の種類を選択してください" }),
  name: z
    .string({ error: "名称を入力してください" })
    .transform(normalizeText)
    .refine((s) => s.length > 0, "名称を入力してください")
    .refine((s) => s.length <= 100, "名称は100文字以内で入力してください"),
  isSample: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  effectiveFrom: z.string({ error: "適用開始日を入力してください" }).transform((s, ctx) => {
    const d = parseDateInput(s);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "適用開始日を正しい日付で入力してください" });
      return z.NEVER;
    }
    return d;
  }),
  roundingUnit: z
    .string()
    .transform((s) => parseYenInput(s))
    .refine((v) => v !== null && [1, 10, 100, 1000].includes(v), "端数処理の単位は1・10・100・1000円から選んでください")
    .transform((v) => v as number),
  roundingMode: z.enum(ROUNDING_MODES, { error: "端数処理の方法を選択してください" }),
  minimumFee: yen("最低保証料", { min: 0 }),
  bands: z
    .array(ZBandRowSchema)
    .max(RATE_TABLE_MAX_BANDS)
    .transform((rows, ctx) => {
      const filled = rows
        .map((r, index) => ({ ...r, index }))
        .filter((r) => [r.upTo, r.rate, r.fixedFee].some((v) => nfkc(v).trim() !== ""));
      if (filled.length === 0) {
        ctx.addIssue({ code: "custom", message: "料率の区分を1行以上入力してください", path: [] });
        return z.NEVER;
      }
      return filled.map((r, i) => {
        const last = i === filled.length - 1;
        let upTo: number | null = null;
        if (nfkc(r.upTo).trim() !== "") {
          const v = parseYenInput(r.upTo);
          if (v === null || !Number.isSafeInteger(v) || v < 1 || v > MAX_YEN) {
            ctx.addIssue({ code: "custom", message: "保証金額（以下）は1円以上の整数で入力してください", path: [r.index, "upTo"] });
          } else upTo = v;
        } else if (!last) {
          ctx.addIssue({ code: "custom", message: "上限のない区分は最後の行だけにしてください", path: [r.index, "upTo"] });
        }
        const ratePpm = parsePercentToPpm(r.rate);
        if (ratePpm === null) {
          ctx.addIssue({ code: "custom", message: "料率は％で小数第4位まで入力してください（例：0.065）", path: [r.index, "rate"] });
        }
        let fixedFee = 0;
        if (nfkc(r.fixedFee).trim() !== "") {
          const v = parseYenInput(r.fixedFee);
          if (v === null || !Number.isSafeInteger(v) || v < 0 || v > MAX_YEN) {
            ctx.addIssue({ code: "custom", message: "定額は0円以上の整数で入力してください", path: [r.index, "fixedFee"] });
          } else fixedFee = v;
        }
        return { upTo, ratePpm: ratePpm ?? 0, fixedFee };
      });
    }),
});
export type TCreateRateTable = z.infer<typeof ZCreateRateTableSchema>;
