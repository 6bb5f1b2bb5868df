import { z } from "zod";
import { nfkc, normalizeText } from "@/lib/normalize";

export const STAFF_ROLES = ["REVIEWER", "APPROVER", "ADMIN"] as const;
export type StaffRoleCode = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRoleCode, string> = {
  REVIEWER: "審査担当",
  APPROVER: "承認者",
  ADMIN: "システム管理者",
};

export const STAFF_PASSWORD_MIN_LENGTH = 12;

const staffIdField = z
  .string({ error: "職員IDを入力してください" })
  .transform((s) => nfkc(s).trim().toLowerCase())
  .refine((s) => s.length > 0, "職員IDを入力してください")
  .refine((s) => /^[a-z0-9][a-z0-9._-]{2,63}$/.test(s), "職員IDは英小文字・数字・「.」「_」「-」の3〜64文字で入力してください");

const roleField = z.enum(STAFF_ROLES, { error: "権限を選択してください" });

/** 職員の登録: the initial password is set by the administrator and handed over outside the system. */
export const ZCreateStaffUserSchema = z.object({
  staffId: staffIdField,
  name: z
    .string({ error: "氏名を入力してください" })
    .transform(normalizeText)
    .refine((s) => s.length > 0, "氏名を入力してください")
    .refine((s) => s.length <= 100, "氏名は100文字以内で入力してください"),
  email: z
    .string({ error: "メールアドレスを入力してください" })
    .transform((s) => nfkc(s).trim())
    .pipe(z.email({ error: "メールアドレスの形式が正しくありません" }).max(254)),
  role: roleField,
  password: z
    .string({ error: "初期パスワードを入力してください" })
    .min(STAFF_PASSWORD_MIN_LENGTH, `初期パスワードは${STAFF_PASSWORD_MIN_LENGTH}文字以上で入力してください`)
    .max(256, "初期パスワードは256文字以内で入力してください"),
});
export type TCreateStaffUser = z.infer<typeof ZCreateStaffUserSchema>;

export const ZChangeStaffRoleSchema = z.object({ id: z.uuid({ error: "職員を特定できません" }), role: roleField });
export type TChangeStaffRole = z.infer<typeof ZChangeStaffRoleSchema>;

export const ZSetStaffActiveSchema = z.object({
  id: z.uuid({ error: "職員を特定できません" }),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type TSetStaffActive = z.infer<typeof ZSetStaffActiveSchema>;
