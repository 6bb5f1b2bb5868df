import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { LogoutButton } from "@/components/ui/logout-button";
import { currentContractor } from "@/lib/auth/session";
import { env } from "@/lib/env";

export default async function EnetLayout({ children }: { children: React.ReactNode }) {
  const user = await currentContractor();
  return (
    <>
      <SiteHeader brand="e-Net保証" href="/enet" sub="インターネット保証サービス">
        {user ? (
          <>
            <Link href="/enet/certificates">電子証書の確認はこちら</Link>
            <span>{user.name} 様</span>
            <LogoutButton to="enet" />
          </>
        ) : (
          <Link href="/enet/login">ログイン</Link>
        )}
      </SiteHeader>
      <main className="page">{children}</main>
      <SiteFooter provider={env().SURETY_NAME} />
    </>
  );
}
