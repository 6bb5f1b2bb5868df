"use server";
import { setPasswordFromLink, type PasswordSetupState } from "@/lib/registration/set-password-from-link";

/** Sets a staff member's password through the single-use link of 「職員ID登録のお知らせ」 (no login: the link is the proof). */
export async function setStaffPasswordAction(prev: PasswordSetupState, formData: FormData): Promise<PasswordSetupState> {
  return setPasswordFromLink("admin", prev, formData);
}
