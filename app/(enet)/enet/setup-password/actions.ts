"use server";
import { redirect } from "next/navigation";
import { isDomainError } from "@/lib/errors";
import { toFieldErrors } from "@/lib/guarantee-application/schemas";
import { ZPasswordSetupSchema } from "@/lib/registration/schemas";
import { setPasswordWithToken } from "@/lib/registration/set-password-with-token";

export interface PasswordSetupState {
  seq?: number;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  linkInvalid?: boolean;
}

/** Sets the password through the single-use link; the typed passwords are never echoed back. */
export async function setPasswordAction(prev: PasswordSetupState, formData: FormData): Promise<PasswordSetupState> {
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
    await setPasswordWithToken({ token: parsed.data.token, password: parsed.data.password });
  } catch (e) {
    if (isDomainError(e, "TOKEN_INVALID")) {
      return { seq, linkInvalid: true, message: "このリンクは使用済みか、有効期限が切れています。" };
    }
    throw e;
  }
  redirect("/enet/login?setup=1");
}
