import "server-only";
import { AuthError } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { signIn } from "./auth";

/** `step: "code"`: the password was right and the 確認コード (二段階認証) is asked next. */
export type LoginState = { message?: string; values?: Record<string, string>; step?: "code" };

export const INVALID_LOGIN_MESSAGE = {
  enet: "お客様IDまたはパスワードが正しくありません",
  admin: "職員IDまたはパスワードが正しくありません",
} as const;
export const SECOND_FACTOR_MESSAGES = {
  second_factor: undefined,
  second_factor_invalid: "確認コードが正しくないか、使用済みです。認証アプリの新しいコードを入力してください。",
  second_factor_expired: "確認コードの入力時間（5分）が過ぎたか、誤りが続きました。職員IDとパスワードからやり直してください。",
} as const;
export const THROTTLED_LOGIN_MESSAGE =
  "ログインの失敗が続いたため、一時的にログインを停止しています。しばらく経ってから再度お試しください。";

/**
 * Shared by both login forms: one message for every failure, a plain one when throttled. A staff member with
 * 二段階認証 answers a second step: the form posts `code` alone (the password step left a cookie for it).
 */
export async function loginWith(
  provider: "contractor" | "staff",
  idField: "customerId" | "staffId",
  formData: FormData,
  redirectTo: string,
): Promise<LoginState> {
  const id = String(formData.get(idField) ?? "").slice(0, 64);
  const code = provider === "staff" ? formData.get("code") : null;
  try {
    const credentials = typeof code === "string" ? { code: code.slice(0, 32) } : { [idField]: id, password: String(formData.get("password") ?? "") };
    await signIn(provider, { ...credentials, redirectTo });
    return {};
  } catch (e) {
    unstable_rethrow(e); // the redirect after a successful login
    if (e instanceof AuthError) {
      const reason = (e as AuthError & { code?: string }).code;
      if (reason === "second_factor" || reason === "second_factor_invalid") {
        return { step: "code", message: SECOND_FACTOR_MESSAGES[reason] };
      }
      if (reason === "second_factor_expired") return { message: SECOND_FACTOR_MESSAGES[reason] };
      const throttled = reason === "throttled";
      return {
        message: throttled ? THROTTLED_LOGIN_MESSAGE : INVALID_LOGIN_MESSAGE[provider === "contractor" ? "enet" : "admin"],
        values: { [idField]: id },
      };
    }
    throw e;
  }
}
