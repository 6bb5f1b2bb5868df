import { SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { env } from "@/lib/env";

export default function DsureLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader brand="D-Sure" href="/dsure" sub="発注者用保証確認サービス" />
      <main className="page">{children}</main>
      {/* D-Sure is its operator's service, shared by several sureties: its pages name the operator, not a surety. */}
      <SiteFooter provider={`運営：${env().DSURE_OPERATOR_NAME}`} />
    </>
  );
}
