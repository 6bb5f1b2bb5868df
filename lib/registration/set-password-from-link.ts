import "server-only";
import { redirect } from "next/navigation";
import { isDomainError } from "@/lib/errors";
import { toFieldErrors } from "@/lib/guarantee-application/schemas";
import { ZPasswordSetupSchema } from "./schemas";
import { setPasswordWithToken } from "./set-password-with-token";

export interface PasswordSetupState {
  seq?: number;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  linkInvalid?: boolean;
}

/**
 * The server action behind both パスワードの設定 pages (e-Net保証's and the back office's): the typed passwords are
 * never echoed back; success goes to the portal's login.
 */
export async function setPasswordFromLink(portal: "enet" | "admin", prev: PasswordSetupState, formData: FormData): Promise<PasswordSetupState> {
  const seq = (prev.seq ?? 0) + 1;
  const parsed = ZPasswordSetupSchema.safeParse({
    token: formData.get("token") ?? undefined,
    password: formData.get("password") ?? undefined,
    passwordConfirm: formData.get("passwordConfirm") ?? undefined,
  });
  if (!parsed.success) {
    return { seq, fieldErrors: toFieldErrors(parsed.error), message: "入力内容に誤りがあります。各項目のメッセージをご確認ください。" };
  }
  try {
    await setPasswordWithToken({ token: parsed.data.token, password: parsed.data.password, portal });
  } catch (e) {
    if (isDomainError(e, "TOKEN_INVALID")) return { seq, linkInvalid: true, message: "このリンクは使用済みか、有効期限が切れています。" };
    throw e;
  }
  redirect(`/${portal}/login?setup=1`);
}
