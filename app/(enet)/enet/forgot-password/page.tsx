import type { Metadata } from "next";
import Link from "next/link";
import { requestPasswordResetAction } from "./actions";
import { PasswordResetRequestForm } from "./password-reset-request-form";

export const metadata: Metadata = { title: "パスワードの再設定（e-Net保証）" };

/** For a forgotten password, and for a first password whose link (ID登録のお知らせ) has expired. */
export default function ForgotPasswordPage() {
  return (
    <>
      <h1>パスワードの再設定</h1>
      <p>
        お客様IDを入力してください。ご登録のメールアドレスに、新しいパスワードを設定するためのリンクをお送りします。
        「ID登録のお知らせ」のリンクの有効期限が切れた場合も、こちらからお申し出ください。
      </p>
      <PasswordResetRequestForm action={requestPasswordResetAction} />
      <p>
        <Link href="/enet/login">ログイン画面へ</Link>
      </p>
    </>
  );
}
