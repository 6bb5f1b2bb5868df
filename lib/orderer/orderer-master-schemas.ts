/**
 * 発注者・担当課・電子交付の設定 as the back office edits them (shared by the forms and the server actions).
 */
import { z } from "zod";
import { WORK_CATEGORIES } from "@/lib/guarantee-application/codes";
import { nfkc, normalizeMultilineText, normalizeText, parseDateInput } from "@/lib/normalize";

/** Guarantee types an orderer can take electronically (契約保証予約 is paper only). */
export const ELECTRONIC_GUARANTEE_TYPES = ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT"] as const;
export const KEY_SUBMISSION_METHODS = ["EMAIL", "WEB_FORM", "PAPER_PRINTOUT"] as const;
export const KEY_SUBMISSION_METHOD_LABELS: Record<(typeof KEY_SUBMISSION_METHODS)[number], string> = {
  EMAIL: "電子メール",
  WEB_FORM: "発注者のウェブフォーム",
  PAPER_PRINTOUT: "印刷して提出",
};

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}を入力してください` })
    .transform(normalizeText)
    .refine((s) => s.length > 0, `${label}を入力してください`)
    .refine((s) => s.length <= max, `${label}は${max}文字以内で入力してください`);

const optionalUuid = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid().optional());
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const subjectTemplate = z
  .string()
  .transform(normalizeText)
  .refine((s) => s.length <= 200, "件名は200文字以内で入力してください");

export const ZSaveOrdererSchema = z.object({
  id: optionalUuid,
  code: z
    .string({ error: "発注者コードを入力してください" })
    .transform((s) => nfkc(s).trim().toLowerCase())
    .refine((s) => /^[a-z0-9][a-z0-9-]{1,39}$/.test(s), "発注者コードは英小文字・数字・「-」の2〜40文字で入力してください"),
  name: text("発注者名", 100),
  active: checkbox,
});
export type TSaveOrderer = z.infer<typeof ZSaveOrdererSchema>;

export const ZSaveDepartmentSchema = z.object({
  ordererId: z.uuid(),
  id: optionalUuid,
  name: text("担当課名", 100),
  email: z
    .string({ error: "メールアドレスを入力してください" })
    .transform((s) => nfkc(s).trim())
    .pipe(z.email({ error: "メールアドレスの形式が正しくありません" }).max(254)),
  mailSubjectTemplate: subjectTemplate.transform((s) => s || null),
  active: checkbox,
});
export type TSaveDepartment = z.infer<typeof ZSaveDepartmentSchema>;

export const ZSaveDeliveryRuleSchema = z.object({
  ordererId: z.uuid(),
  acceptsElectronic: checkbox,
  startDate: z.string().transform((s, ctx) => {
    if (!nfkc(s).trim()) return null;
    const d = parseDateInput(s);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "開始日を正しい日付で入力してください" });
      return z.NEVER;
    }
    return d;
  }),
  workCategories: z.array(z.enum(WORK_CATEGORIES)),
  guaranteeTypes: z.array(z.enum(ELECTRONIC_GUARANTEE_TYPES)),
  keySubmissionMethod: z.enum(KEY_SUBMISSION_METHODS, { error: "認証キーの提出方法を選択してください" }),
  keySubmissionNote: z
    .string({ error: "請負者への案内を入力してください" })
    .transform(normalizeMultilineText)
    .refine((s) => s.length > 0, "請負者への案内を入力してください")
    .refine((s) => s.length <= 1000, "請負者への案内は1000文字以内で入力してください"),
  mailSubjectTemplate: subjectTemplate.refine((s) => s.length > 0, "件名の形式を入力してください"),
});
export type TSaveDeliveryRule = z.infer<typeof ZSaveDeliveryRuleSchema>;
