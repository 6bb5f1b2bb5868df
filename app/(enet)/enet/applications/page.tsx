import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/application/status-badge";
import styles from "@/components/application/application.module.css";
import { requireContractorPage } from "@/lib/auth/session";
import { formatDateTimeJst } from "@/lib/dates";
import { APPLICATION_MENU_LABELS } from "@/lib/guarantee-application/labels";
import { listApplicationsForCompany } from "@/lib/guarantee-application/list-applications-for-company";

export const metadata: Metadata = { title: "保存中・手続き中一覧（e-Net保証）" };

/** Menu 4: the company's applications, newest first, with what can be done with each. */
export default async function ApplicationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireContractorPage();
  const flags = await searchParams;
  const applications = await listApplicationsForCompany({ companyId: user.companyId });
  return (
    <>
      <h1>保存中・手続き中一覧</h1>
      {flags.deleted ? (
        <p className="notice notice--success" role="status">
          保存中の申込みを削除しました。
        </p>
      ) : null}
      {flags.notfound ? (
        <p className="notice notice--warning" role="status">
          その申込みは見つかりませんでした。
        </p>
      ) : null}
      {applications.length === 0 ? (
        <p>保存中・手続き中の申込みはありません。HOMEの申込メニューからお申し込みください。</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">申込みの一覧（新しい順）</caption>
          <thead>
            <tr>
              <th scope="col">状況</th>
              <th scope="col">工事名</th>
              <th scope="col">発注者</th>
              <th scope="col">申込の種類</th>
              <th scope="col">申込日時</th>
              <th scope="col">最終更新</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id}>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td>{a.workName ?? "（工事名未入力）"}</td>
                <td>{a.orderer?.name ?? "（未選択）"}</td>
                <td>
                  {APPLICATION_MENU_LABELS[a.menu]}
                  {a.menu === "ADVANCE" && a.withContractGuarantee ? "（契約保証あり）" : ""}
                </td>
                <td>{a.submittedAt ? formatDateTimeJst(a.submittedAt) : "—"}</td>
                <td>{formatDateTimeJst(a.updatedAt)}</td>
                <td>
                  <ul className={styles.plainList} aria-label={`${a.workName ?? "工事名未入力"}の操作`}>
                    <li>
                      <Link href={`/enet/applications/${a.id}`}>開く</Link>
                    </li>
                    {a.status === "DRAFT" || a.status === "RETURNED" ? (
                      <li>
                        <Link href={`/enet/applications/${a.id}/edit`}>{a.status === "RETURNED" ? "修正" : "続きから入力"}</Link>
                      </li>
                    ) : null}
                    {a.status === "DRAFT" ? (
                      <li>
                        <Link href={`/enet/applications/${a.id}/delete`}>削除</Link>
                      </li>
                    ) : null}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link href="/enet">HOMEへ戻る</Link>
      </p>
    </>
  );
}
