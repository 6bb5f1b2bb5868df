import "server-only";
import { AuthError } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { signIn } from "./auth";

export type LoginState = { message?: string; values?: Record<string, string> };

export const INVALID_LOGIN_MESSAGE = {
  enet: "お客様IDまたはパスワードが正しくありません",
  admin: "職員IDまたはパスワードが正しくありません",
} as const;
export const THROTTLED_LOGIN_MESSAGE =
  "ログインの失敗が続いたため、一時的にログインを停止しています。しばらく経ってから再度お試しください。";

/** Shared by both login forms: one message for every failure, a plain one when throttled. */
export async function loginWith(
  provider: "contractor" | "staff",
  idField: "customerId" | "staffId",
  formData: FormData,
  redirectTo: string,
): Promise<LoginState> {
  const id = String(formData.get(idField) ?? "").slice(0, 64);
  try {
    await signIn(provider, { [idField]: id, password: String(formData.get("password") ?? ""), redirectTo });
    return {};
  } catch (e) {
    unstable_rethrow(e); // the redirect after a successful login
    if (e instanceof AuthError) {
      const throttled = (e as AuthError & { code?: string }).code === "throttled";
      return {
        message: throttled ? THROTTLED_LOGIN_MESSAGE : INVALID_LOGIN_MESSAGE[provider === "contractor" ? "enet" : "admin"],
        values: { [idField]: id },
      };
    }
    throw e;
  }
}
