import type { Metadata } from "next";
import Link from "next/link";
import { ChangeStatusBadge } from "@/components/change/change-status-badge";
import { requireStaffPage } from "@/lib/auth/session";
import { CHANGE_KIND_LABELS } from "@/lib/change/labels";
import { listChangeRequestsForStaff, STAFF_CHANGE_FILTERS, type StaffChangeFilter } from "@/lib/change/list-change-requests-for-staff";
import { formatDateTimeJst } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";

export const metadata: Metadata = { title: "保証契約締結後の変更" };

const FILTER_LABELS: Record<StaffChangeFilter, string> = {
  open: "対応中（審査中・承認待ち）",
  submitted: "審査中",
  reviewed: "承認待ち",
  returned: "差戻し",
  approved: "承認済",
  all: "すべて",
};

export default async function ChangeQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage(["REVIEWER", "APPROVER", "ADMIN"]);
  const sp = await searchParams;
  const filter = (typeof sp.status === "string" && sp.status in STAFF_CHANGE_FILTERS ? sp.status : "open") as StaffChangeFilter;
  const items = await listChangeRequestsForStaff({ filter });
  return (
    <>
      <p>
        <Link href="/admin">← 業務メニュー</Link>
      </p>
      <h1>保証契約締結後の変更</h1>
      <nav aria-label="状態で絞り込む" className="btn-row" style={{ marginTop: 0 }}>
        {(Object.keys(FILTER_LABELS) as StaffChangeFilter[]).map((f) => (
          <Link key={f} href={`/admin/changes?status=${f}`} className={`btn ${f === filter ? "" : "btn--secondary"}`} aria-current={f === filter ? "page" : undefined}>
            {FILTER_LABELS[f]}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <p className="notice">該当する変更の申込はありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">申込日時</th>
              <th scope="col">保証契約番号</th>
              <th scope="col">請負者</th>
              <th scope="col">工事名</th>
              <th scope="col">変更の種類</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTimeJst(r.submittedAt)}</td>
                <td>
                  {r.contractNumber}
                  <div className="muted">{GUARANTEE_TYPE_LABELS[r.guaranteeType]}</div>
                </td>
                <td>{r.companyName}</td>
                <td>
                  <Link href={`/admin/changes/${r.id}`}>{r.workName}</Link>
                </td>
                <td>{CHANGE_KIND_LABELS[r.kind]}</td>
                <td>
                  <ChangeStatusBadge status={r.status} staff />
                  {r.reviewedBy && r.status === "REVIEWED" ? <div className="muted">審査：{r.reviewedBy}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
