"use server";
import { signOut } from "@/lib/auth/auth";

export async function logoutAction(formData: FormData) {
  const to = formData.get("to") === "admin" ? "/admin/login" : "/enet/login";
  await signOut({ redirectTo: to });
}
