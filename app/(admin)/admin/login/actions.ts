"use server";
import { loginWith, type LoginState } from "@/lib/auth/login-action";

export async function loginStaffAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  return loginWith("staff", "staffId", formData, "/admin");
}
