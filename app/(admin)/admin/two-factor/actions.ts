"use server";
import { currentSessionId, currentStaff } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { nfkc } from "@/lib/normalize";
import { confirmTotpEnrolment } from "@/lib/second-factor/confirm-totp-enrolment";
import type { SecondFactorEnrolState } from "@/components/form/second-factor-enrol-form";

/**
 * 二段階認証の設定: confirms the app's secret with a code. Open to any signed-in staff member, also one who must
 * enrol before anything else (requireStaff would refuse them).
 */
export async function confirmSecondFactorAction(prev: SecondFactorEnrolState, formData: FormData): Promise<SecondFactorEnrolState> {
  const seq = (prev.seq ?? 0) + 1;
  const staff = await currentStaff();
  if (!staff) return { seq, message: "ログインの有効期限が切れました。もう一度ログインしてください。" };
  const code = nfkc(String(formData.get("code") ?? "")).replace(/\s/g, "").slice(0, 16);
  if (!/^\d{6}$/.test(code)) {
    return { seq, fieldErrors: { code: ["認証アプリに表示される6桁の数字を入力してください"] }, message: "入力内容に誤りがあります。各項目のメッセージをご確認ください。" };
  }
  try {
    const { recoveryCodes } = await confirmTotpEnrolment({ staffUserId: staff.userId, code, keepSessionId: await currentSessionId() });
    return { seq, recoveryCodes };
  } catch (e) {
    if (isDomainError(e, "VALIDATION")) {
      return { seq, fieldErrors: { code: ["確認コードが正しくありません。認証アプリの新しいコードを入力してください"] }, message: "確認コードが正しくありません。" };
    }
    if (isDomainError(e, "INVALID_STATE")) return { seq, message: "二段階認証は設定済みです。" };
    throw e;
  }
}
