import { SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { env } from "@/lib/env";

export default function DsureLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader brand="D-Sure" href="/dsure" sub="発注者用保証確認サービス" />
      <main className="page">{children}</main>
      <SiteFooter suretyName={env().SURETY_NAME} />
    </>
  );
}
