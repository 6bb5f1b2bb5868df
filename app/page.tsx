import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { env } from "@/lib/env";

export default function LandingPage() {
  return (
    <>
      <SiteHeader brand="電子保証のご案内" href="/" sub={env().SURETY_NAME} />
      <main className="page">
        <h1>電子保証</h1>
        <p>
          書面の「保証証書」に代わり「電子証書」（保証証書に記載する内容が記録されたデータ）を、受発注者がインターネットを通じて確認できる仕組みです。
        </p>
        <ul className="menu">
          <li>
            <Link href="/enet">
              e-Net保証
              <br />
              <small>請負者（お客様）の保証申込・電子証書の確認はこちら</small>
            </Link>
          </li>
          <li>
            <Link href="/dsure">
              D-Sure（発注者用保証確認サービス）
              <br />
              <small>発注者の方：保証契約番号と認証キーで電子証書を閲覧</small>
            </Link>
          </li>
          <li>
            <Link href="/admin">
              保証会社 業務システム
              <br />
              <small>審査・締結・マスタ管理（職員用）</small>
            </Link>
          </li>
        </ul>
      </main>
      <SiteFooter provider={env().SURETY_NAME} />
    </>
  );
}
