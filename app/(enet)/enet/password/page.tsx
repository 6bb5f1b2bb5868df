import type { Metadata } from "next";
import Link from "next/link";
import { PasswordChangeForm } from "@/components/form/password-change-form";
import { requireContractorPage } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/registration/schemas";
import { changeContractorPasswordAction } from "./actions";

export const metadata: Metadata = { title: "パスワードの変更（e-Net保証）" };

export default async function EnetPasswordPage() {
  const user = await requireContractorPage();
  return (
    <>
      <h1>パスワードの変更</h1>
      <p>変更すると、ほかの端末やブラウザでのログインはすべて終了します。</p>
      <PasswordChangeForm action={changeContractorPasswordAction} loginId={user.loginId} minLength={PASSWORD_MIN_LENGTH} />
      <p>
        <Link href="/enet">HOMEへ戻る</Link>
      </p>
    </>
  );
}
