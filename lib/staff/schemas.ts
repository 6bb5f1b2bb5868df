import { z } from "zod";
import { nfkc, normalizeText } from "@/lib/normalize";

export const STAFF_ROLES = ["REVIEWER", "APPROVER", "ADMIN"] as const;
export type StaffRoleCode = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRoleCode, string> = {
  REVIEWER: "審査担当",
  APPROVER: "承認者",
  ADMIN: "システム管理者",
};

/** A move up this order is a grant (a second システム管理者 approves it); a move down applies at once. */
const ROLE_RANK: Record<StaffRoleCode, number> = { REVIEWER: 1, APPROVER: 2, ADMIN: 3 };
export function isRoleRaise(from: StaffRoleCode, to: StaffRoleCode): boolean {
  return ROLE_RANK[to] > ROLE_RANK[from];
}

const staffIdField = z
  .string({ error: "職員IDを入力してください" })
  .transform((s) => nfkc(s).trim().toLowerCase())
  .refine((s) => s.length > 0, "職員IDを入力してください")
  .refine((s) => /^[a-z0-9][a-z0-9._-]{2,63}$/.test(s), "職員IDは英小文字・数字・「.」「_」「-」の3〜64文字で入力してください");

const roleField = z.enum(STAFF_ROLES, { error: "権限を選択してください" });

/**
 * 職員の登録: no password is typed by the administrator; once a second システム管理者 approves the grant, the new
 * member sets it through the link of 「職員ID登録のお知らせ」.
 */
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
});
export type TCreateStaffUser = z.infer<typeof ZCreateStaffUserSchema>;

export const ZChangeStaffRoleSchema = z.object({ id: z.uuid({ error: "職員を特定できません" }), role: roleField });
export type TChangeStaffRole = z.infer<typeof ZChangeStaffRoleSchema>;

export const ZSetStaffActiveSchema = z.object({
  id: z.uuid({ error: "職員を特定できません" }),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type TSetStaffActive = z.infer<typeof ZSetStaffActiveSchema>;

export const ZDecideRoleGrantSchema = z.object({
  grantId: z.uuid({ error: "申請を特定できません" }),
  decision: z.enum(["approve", "reject"], { error: "承認か却下かを選んでください" }),
});
