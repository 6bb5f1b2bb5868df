"use server";
import { requireContractor } from "@/lib/auth/session";
import { changePasswordWith, type PasswordChangeState } from "@/lib/auth/change-password-action";

export async function changeContractorPasswordAction(prev: PasswordChangeState, formData: FormData): Promise<PasswordChangeState> {
  return changePasswordWith(await requireContractor(), prev, formData);
}
