import type { Metadata } from "next";
import { PasswordChangeForm } from "@/components/form/password-change-form";
import { requireStaffPage } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/registration/schemas";
import { changeStaffPasswordAction } from "./actions";

export const metadata: Metadata = { title: "パスワードの変更（保証会社 業務システム）" };

export default async function AdminPasswordPage() {
  const staff = await requireStaffPage();
  return (
    <>
      <h1>パスワードの変更</h1>
      <p>変更すると、ほかの端末やブラウザでのログインはすべて終了します。</p>
      <PasswordChangeForm action={changeStaffPasswordAction} loginId={staff.loginId} minLength={PASSWORD_MIN_LENGTH} />
    </>
  );
}
