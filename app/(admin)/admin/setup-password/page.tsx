import type { Metadata } from "next";
import Link from "next/link";
import { PasswordSetupForm } from "@/components/form/password-setup-form";
import { checkStaffSetupToken } from "@/lib/staff/check-staff-setup-token";
import { setStaffPasswordAction } from "./actions";

// The token in the URL stays on this site: Referrer-Policy is same-origin site-wide (proxy.ts).
export const metadata: Metadata = { title: "パスワードの設定（保証会社 業務システム）" };

/** The page behind the link in 「職員ID登録のお知らせ」. */
export default async function StaffSetupPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const check = typeof token === "string" ? await checkStaffSetupToken({ token }) : ({ ok: false } as const);
  return (
    <>
      <h1>パスワードの設定</h1>
      {check.ok ? (
        <>
          <dl className="kv">
            <dt>職員ID</dt>
            <dd>{check.staffId}</dd>
            <dt>氏名</dt>
            <dd>{check.name}</dd>
          </dl>
          <p>業務システムにログインするためのパスワードを設定してください。このリンクは一度だけ使用できます。</p>
          <PasswordSetupForm action={setStaffPasswordAction} token={token as string} loginId={check.staffId} whenInvalid="システム管理者にご連絡ください。" />
        </>
      ) : (
        <div className="notice notice--error" role="alert">
          <p>このリンクは使用済みか、有効期限が切れています。</p>
          <p>パスワードを設定済みの方はログインしてください。新しいリンクはシステム管理者にご依頼ください。</p>
        </div>
      )}
      <p>
        <Link href="/admin/login">ログイン画面へ</Link>
      </p>
    </>
  );
}
