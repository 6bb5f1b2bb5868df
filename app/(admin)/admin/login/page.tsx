import type { Metadata } from "next";
import { LoginForm } from "@/components/form/login-form";
import { loginStaffAction } from "./actions";

export const metadata: Metadata = { title: "ログイン（業務システム）" };

export default async function AdminLoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { setup } = await searchParams;
  return (
    <>
      <h1>職員ログイン</h1>
      {setup ? (
        <p className="notice notice--success" role="status">
          パスワードを設定しました。職員IDとパスワードでログインしてください。
        </p>
      ) : null}
      <LoginForm action={loginStaffAction} idName="staffId" idLabel="職員ID" />
    </>
  );
}
