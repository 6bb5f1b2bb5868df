import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { LogoutButton } from "@/components/ui/logout-button";
import { currentStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";

const ROLE_LABELS = { REVIEWER: "審査担当", APPROVER: "承認者", ADMIN: "システム管理者" } as const;

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  return (
    <>
      <SiteHeader brand="保証会社 業務システム" href="/admin" sub={env().SURETY_NAME}>
        {staff ? (
          <>
            <Link href="/admin/applications">申込一覧</Link>
            <span>
              {staff.name}（{ROLE_LABELS[staff.role]}）
            </span>
            <LogoutButton to="admin" />
          </>
        ) : null}
      </SiteHeader>
      <main className="page">{children}</main>
      <SiteFooter suretyName={env().SURETY_NAME} />
    </>
  );
}
