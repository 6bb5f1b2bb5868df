import type { Metadata } from "next";
import { LoginForm } from "@/components/form/login-form";
import { loginStaffAction } from "./actions";

export const metadata: Metadata = { title: "ログイン（業務システム）" };

export default function AdminLoginPage() {
  return (
    <>
      <h1>職員ログイン</h1>
      <LoginForm action={loginStaffAction} idName="staffId" idLabel="職員ID" />
    </>
  );
}
