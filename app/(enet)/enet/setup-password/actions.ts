"use server";
import { setPasswordFromLink, type PasswordSetupState } from "@/lib/registration/set-password-from-link";

/** Sets the password through the single-use link of 「ID登録のお知らせ」 or 「パスワード再設定のお知らせ」. */
export async function setPasswordAction(prev: PasswordSetupState, formData: FormData): Promise<PasswordSetupState> {
  return setPasswordFromLink("enet", prev, formData);
}
