"use server";
import { loginWith, type LoginState } from "@/lib/auth/login-action";

export async function loginContractorAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  return loginWith("contractor", "customerId", formData, "/enet");
}
