import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/form/login-form";
import { loginContractorAction } from "./actions";

export const metadata: Metadata = { title: "ログイン（e-Net保証）" };

export default async function EnetLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { setup } = await searchParams;
  return (
    <>
      <h1>ログイン</h1>
      {setup ? (
        <p className="notice notice--success" role="status">
          パスワードを設定しました。お客様IDとパスワードでログインしてください。
        </p>
      ) : null}
      <p>お客様IDとパスワードを入力してください。電子証書の確認も、e-Net保証と同じお客様ID・パスワードでログインします。</p>
      <LoginForm action={loginContractorAction} idName="customerId" idLabel="お客様ID" />
      <p>
        <Link href="/enet/forgot-password">パスワードをお忘れの方・設定用リンクの期限が切れた方</Link>
      </p>
      <p>
        お客様IDをお持ちでない方は <Link href="/enet/register">ID登録申請</Link> へお進みください。
      </p>
    </>
  );
}
