import "server-only";
import { headers } from "next/headers";
import { isDomainError } from "@/lib/errors";
import { minutesUntil } from "@/lib/rate-limit/minutes-until";
import { clientIpFrom } from "@/lib/request";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/registration/schemas";
import type { Principal } from "./authenticate";
import { changePassword } from "./change-password";
import { issueSessionCookie } from "./issue-session-cookie";

export type PasswordChangeState = { seq?: number; done?: boolean; message?: string; fieldErrors?: Record<string, string[]> };

const MESSAGES = {
  WRONG: "現在のパスワードが正しくありません",
  LENGTH: `新しいパスワードは${PASSWORD_MIN_LENGTH}文字以上${PASSWORD_MAX_LENGTH}文字以内で入力してください`,
  SAME: "現在のパスワードと異なるパスワードを入力してください",
  CONFIRM: "新しいパスワード（確認）が一致しません",
} as const;

/**
 * Both portals' パスワードの変更 form: the typed passwords are never echoed back. On success the browser carries on in a
 * new session; every other session of the account (and any copy of this browser's cookie) has ended.
 */
export async function changePasswordWith(principal: Principal, prev: PasswordChangeState, formData: FormData): Promise<PasswordChangeState> {
  const seq = (prev.seq ?? 0) + 1;
  const currentPassword = String(formData.get("currentPassword") ?? "");
  const newPassword = String(formData.get("newPassword") ?? "");
  const fail = (field: string, text: string): PasswordChangeState => ({
    seq,
    message: "入力内容に誤りがあります。各項目のメッセージをご確認ください。",
    fieldErrors: { [field]: [text] },
  });
  if (!currentPassword) return fail("currentPassword", "現在のパスワードを入力してください");
  if (newPassword !== String(formData.get("newPasswordConfirm") ?? "")) return fail("newPasswordConfirm", MESSAGES.CONFIRM);
  try {
    const session = await changePassword({ principal, currentPassword, newPassword, clientIp: clientIpFrom(await headers()) });
    await issueSessionCookie({ principal, session });
  } catch (e) {
    if (isDomainError(e, "VALIDATION")) {
      const reason = e.details.reason as keyof typeof MESSAGES;
      return fail(String(e.details.field), MESSAGES[reason] ?? MESSAGES.LENGTH);
    }
    if (isDomainError(e, "THROTTLED")) {
      return { seq, message: `誤ったパスワードの入力が続いたため、約${minutesUntil(e.details.until as Date)}分間変更を受け付けません。` };
    }
    throw e;
  }
  return { seq, done: true, message: "パスワードを変更しました。ほかの端末でのログインは終了しました。" };
}
