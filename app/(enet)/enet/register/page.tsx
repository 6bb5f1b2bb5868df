import type { Metadata } from "next";
import Link from "next/link";
import { requestRegistrationAction } from "./actions";
import { RegistrationForm } from "./registration-form";

export const metadata: Metadata = { title: "ID登録申請（e-Net保証）" };

export default function RegisterPage() {
  return (
    <>
      <h1>ID登録申請</h1>
      <p>
        e-Net保証のご利用にはお客様IDが必要です。次の項目を入力して申請してください。当社で確認のうえ、ご担当者のメールアドレスへ「ID登録のお知らせ」をお送りします。
      </p>
      <RegistrationForm action={requestRegistrationAction} />
      <p>
        お客様IDをお持ちの方は <Link href="/enet/login">ログイン</Link> へ。
      </p>
    </>
  );
}
