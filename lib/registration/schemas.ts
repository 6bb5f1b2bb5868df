/**
 * ID登録申請 (/enet/register) and パスワード設定 (/enet/setup-password): shared by the forms and the server. Pure.
 * Names and addresses are kept as typed (but for invisible characters and runs of spaces), as on the application
 * form; the e-mail address and 電話番号 go through NFKC first, so 全角 letters and digits are accepted.
 */
import { z } from "zod";
import { charCount, nfkc, normalizeCode, normalizeText } from "@/lib/normalize";

export const REGISTRATION_FIELD_LABELS = {
  companyName: "商号（会社名）",
  representative: "代表者",
  address: "所在地",
  licenseNumber: "建設業許可番号",
  contactName: "ご担当者名",
  email: "メールアドレス",
  phone: "電話番号",
} as const;

export type RegistrationField = keyof typeof REGISTRATION_FIELD_LABELS;

function text(field: RegistrationField, max: number) {
  const label = REGISTRATION_FIELD_LABELS[field];
  return z.preprocess(
    (v) => (typeof v === "string" ? normalizeText(v) : v),
    z
      .string({ error: `${label}を入力してください` })
      .min(1, `${label}を入力してください`)
      .refine((s) => charCount(s) <= max, `${label}は${max}文字以内で入力してください`),
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const ZRegistrationRequestSchema = z.object({
  companyName: text("companyName", 100),
  representative: text("representative", 100),
  address: text("address", 200),
  licenseNumber: text("licenseNumber", 100),
  contactName: text("contactName", 100),
  email: z.preprocess(
    (v) => (typeof v === "string" ? normalizeCode(v).replace(/\s/g, "") : v),
    z
      .string({ error: "メールアドレスを入力してください" })
      .min(1, "メールアドレスを入力してください")
      .max(254, "メールアドレスが長すぎます")
      .refine((s) => EMAIL.test(s), "メールアドレスの形式が正しくありません（例：info@example.co.jp）"),
  ),
  phone: z.preprocess(
    (v) => (typeof v === "string" ? normalizeCode(v).replace(/[\s()（）]/g, "").replace(/[‐－―ー]/g, "-") : v),
    z
      .string({ error: "電話番号を入力してください" })
      .min(1, "電話番号を入力してください")
      .refine(
        (s) => /^0[\d-]+$/.test(s) && /^\d{10,11}$/.test(s.replaceAll("-", "")),
        "電話番号は0から始まる10〜11桁の数字で入力してください（例：099-000-0000）",
      ),
  ),
});

export type TRegistrationRequest = z.infer<typeof ZRegistrationRequestSchema>;

/** Our rule: at least 12 characters (NIST SP 800-63B allows long passphrases; no composition rules). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The password rule the domain functions enforce whatever the form checked: 12–128 characters. */
export function passwordLengthOk(password: string): boolean {
  const length = charCount(password);
  return length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
}

export const ZPasswordSetupSchema = z
  .object({
    token: z.string({ error: "リンクが正しくありません" }).min(1, "リンクが正しくありません"),
    password: z
      .string({ error: "パスワードを入力してください" })
      .min(1, "パスワードを入力してください")
      .refine((s) => charCount(s) >= PASSWORD_MIN_LENGTH, `パスワードは${PASSWORD_MIN_LENGTH}文字以上で入力してください`)
      .refine((s) => charCount(s) <= PASSWORD_MAX_LENGTH, `パスワードは${PASSWORD_MAX_LENGTH}文字以内で入力してください`),
    passwordConfirm: z.string({ error: "確認のためもう一度入力してください" }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "パスワードが一致しません。同じパスワードをもう一度入力してください",
  });

export type TPasswordSetup = z.infer<typeof ZPasswordSetupSchema>;

/** お客様ID chosen by staff: lower-case letters, digits, `-` `_` `.`, 3–32 characters (login compares lower-case). */
export const CUSTOMER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export function normalizeCustomerId(raw: string): string {
  return nfkc(raw).trim().toLowerCase();
}
