import Link from "next/link";
import { requireContractorPage } from "@/lib/auth/session";
import { db } from "@/lib/db";

export default async function EnetHome() {
  const user = await requireContractorPage();
  const company = await db.company.findUniqueOrThrow({ where: { id: user.companyId }, select: { name: true } });
  return (
    <>
      <h1>HOME</h1>
      <p>
        {company.name}　{user.name} 様（お客様ID: {user.loginId}）
      </p>
      <ul className="menu" aria-label="e-Net保証メニュー">
        <li>
          <Link href="/enet/apply/advance">前払金保証・契約保証 申込</Link>
        </li>
        <li>
          <Link href="/enet/apply/advance-after-contract">契約保証済の前払金保証 申込</Link>
        </li>
        <li>
          <Link href="/enet/apply/intermediate">中間前払金保証 申込</Link>
        </li>
        <li>
          <Link href="/enet/applications">保存中・手続き中一覧</Link>
        </li>
        <li>
          <Link href="/enet/changes">保証契約締結後の変更</Link>
        </li>
        <li>
          <Link href="/enet/certificates">電子証書の確認はこちら</Link>
        </li>
        <li>
          <Link href="/enet/fee-statements">保証料計算書</Link>
        </li>
        <li>
          <Link href="/enet/password">パスワードの変更</Link>
        </li>
      </ul>
    </>
  );
}
