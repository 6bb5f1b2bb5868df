"use server";
import { requireStaff } from "@/lib/auth/session";
import { changePasswordWith, type PasswordChangeState } from "@/lib/auth/change-password-action";

export async function changeStaffPasswordAction(prev: PasswordChangeState, formData: FormData): Promise<PasswordChangeState> {
  return changePasswordWith(await requireStaff(), prev, formData);
}
