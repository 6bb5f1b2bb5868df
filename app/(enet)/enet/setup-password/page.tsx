import type { Metadata } from "next";
import Link from "next/link";
import { checkPasswordSetupToken } from "@/lib/registration/check-password-setup-token";
import { setPasswordAction } from "./actions";
import { PasswordSetupForm } from "@/components/form/password-setup-form";

// The token in the URL stays on this site: Referrer-Policy is same-origin site-wide (proxy.ts).
export const metadata: Metadata = { title: "パスワードの設定（e-Net保証）" };

/** The page behind the link in 「ID登録のお知らせ」 and 「パスワード再設定のお知らせ」. */
export default async function SetupPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const check = typeof token === "string" ? await checkPasswordSetupToken({ token }) : ({ ok: false } as const);
  return (
    <>
      <h1>パスワードの設定</h1>
      {check.ok ? (
        <>
          <dl className="kv">
            <dt>商号</dt>
            <dd>{check.companyName}</dd>
            <dt>お客様ID</dt>
            <dd>{check.customerId}</dd>
            <dt>ご担当者</dt>
            <dd>{check.userName} 様</dd>
          </dl>
          <p>e-Net保証にログインするためのパスワードを設定してください。このリンクは一度だけ使用できます。</p>
          <PasswordSetupForm
            action={setPasswordAction}
            token={token as string}
            loginId={check.customerId}
            whenInvalid="新しいリンクはログイン画面の「パスワードをお忘れの方」からお送りできます。"
          />
        </>
      ) : (
        <div className="notice notice--error" role="alert">
          <p>このリンクは使用済みか、有効期限が切れています。</p>
          <p>
            パスワードを設定済みの方はログインしてください。新しいリンクは{" "}
            <Link href="/enet/forgot-password">パスワードの再設定</Link> からお送りできます。
          </p>
        </div>
      )}
      <p>
        <Link href="/enet/login">ログイン画面へ</Link>
      </p>
    </>
  );
}
