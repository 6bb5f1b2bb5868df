import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listDsureAlarmsForStaff } from "@/lib/certificate/list-dsure-alarms-for-staff";
import { countOpenReconciliationFindings } from "@/lib/reconciliation/get-reconciliation-overview";

export default async function AdminHome() {
  const staff = await requireStaffPage();
  const [waiting, reviewed, openTasks, alarms, discrepancies] = await Promise.all([
    db.guaranteeApplication.count({ where: { status: "SUBMITTED" } }),
    db.guaranteeApplication.count({ where: { status: "REVIEWED" } }),
    db.staffTask.count({ where: { status: "OPEN" } }),
    // D-Sure's alarms on our numbers, asked of D-Sure; nothing to show when it cannot answer now.
    listDsureAlarmsForStaff({ take: 20 }).then((a) => a?.alarms ?? []),
    countOpenReconciliationFindings(),
  ]);
  const activeAlarms = alarms.filter((a) => a.active);
  return (
    <>
      <h1>業務メニュー</h1>
      {activeAlarms.length ? (
        <div className="notice notice--warning" role="alert">
          D-Sure で照会の失敗が多数のアドレスから続いている保証契約番号があります（{activeAlarms.map((a) => a.contractNumber).join("、")}）。{" "}
          <Link href="/admin/dsure-alarms">照会の警告を見る</Link>
        </div>
      ) : null}
      {discrepancies ? (
        <div className="notice notice--warning" role="alert">
          D-Sure との照合で不一致が {discrepancies} 件あります。D-Sure の記録が当社の登録と異なっています。 <Link href="/admin/reconciliation">照合結果を見る</Link>
        </div>
      ) : null}
      <ul className="menu">
        <li>
          <Link href="/admin/applications">
            保証申込の審査・締結
            <span className="muted">
              {" "}
              （審査中 {waiting}件・承認待ち {reviewed}件）
            </span>
          </Link>
        </li>
        <li>
          <Link href="/admin/contracts">保証契約の一覧・認証キー・解約</Link>
        </li>
        <li>
          <Link href="/admin/changes">保証契約締結後の変更の審査</Link>
        </li>
        <li>
          <Link href="/admin/dsure-alarms">D-Sure 照会の警告</Link>
        </li>
        <li>
          <Link href="/admin/reconciliation">D-Sure 照合（登録した記録と D-Sure の記録）</Link>
        </li>
        <li>
          <Link href="/admin/tasks">
            保証証書の印刷・発送<span className="muted">（未完了 {openTasks}件）</span>
          </Link>
        </li>
        {staff.role === "ADMIN" ? (
          <>
            <li>
              <Link href="/admin/registrations">ID登録申請の承認</Link>
            </li>
            <li>
              <Link href="/admin/orderers">発注者・担当課・電子交付の設定</Link>
            </li>
            <li>
              <Link href="/admin/rate-tables">料率表</Link>
            </li>
            <li>
              <Link href="/admin/staff">職員アカウント</Link>
            </li>
            <li>
              <Link href="/admin/mail">メール送信状況</Link>
            </li>
            <li>
              <Link href="/admin/audit">監査ログ</Link>
            </li>
          </>
        ) : null}
      </ul>
    </>
  );
}
