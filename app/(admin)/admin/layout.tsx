import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { LogoutButton } from "@/components/ui/logout-button";
import { currentStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { STAFF_ROLE_LABELS } from "@/lib/staff/schemas";
import "./admin.css";

/**
 * The header links only help navigation; every page, action and handler checks the role itself. A member who must
 * set 二段階認証 first sees no links (every page sends them to its setting).
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  return (
    <>
      <SiteHeader brand="保証会社 業務システム" href="/admin" sub={env().SURETY_NAME}>
        {staff?.needsSecondFactor ? (
          <>
            <span>
              {staff.name}（{STAFF_ROLE_LABELS[staff.role]}）
            </span>
            <LogoutButton to="admin" />
          </>
        ) : staff ? (
          <>
            <Link href="/admin/applications">申込一覧</Link>
            <Link href="/admin/contracts">保証契約</Link>
            <Link href="/admin/tasks">作業一覧</Link>
            {staff.role === "ADMIN" ? <Link href="/admin/audit">監査ログ</Link> : null}
            <span>
              {staff.name}（{STAFF_ROLE_LABELS[staff.role]}）
            </span>
            <Link href="/admin/two-factor">二段階認証</Link>
            <Link href="/admin/password">パスワードの変更</Link>
            <LogoutButton to="admin" />
          </>
        ) : null}
      </SiteHeader>
      <main className="page">{children}</main>
      <SiteFooter provider={env().SURETY_NAME} />
    </>
  );
}
