import type { Metadata } from "next";
import Link from "next/link";
import { ApplicationStatusBadge } from "@/components/admin/status-badge";
import { Pagination } from "@/components/admin/pagination";
import { requireStaffPage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDateTimeJst } from "@/lib/dates";
import { APPLICATION_MENUS, DELIVERY_METHODS } from "@/lib/guarantee-application/codes";
import { APPLICATION_MENU_LABELS, APPLICATION_STATUS_STAFF_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { listApplications } from "@/lib/review/list-applications";
import { QUEUE_STATUSES, ZApplicationQueueFilterSchema } from "@/lib/review/queue-filter";

export const metadata: Metadata = { title: "保証申込一覧" };

const DELIVERY_SHORT = { ELECTRONIC: "電子交付", PAPER: "書面" } as const;

export default async function ApplicationQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage(["REVIEWER", "APPROVER", "ADMIN"]);
  const filter = ZApplicationQueueFilterSchema.parse(await searchParams);
  const [{ rows, total, page, pageCount }, orderers] = await Promise.all([
    listApplications({ filter }),
    db.orderer.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);

  return (
    <>
      <h1>保証申込一覧</h1>
      <p>提出日時の古い順に表示しています。保証料は本日締結した場合の金額です（締結済は締結時の金額）。</p>

      <form method="get" className="filters" aria-label="絞り込み">
        <div className="filters__row">
          <div className="field">
            <label htmlFor="status">状態</label>
            <select id="status" name="status" defaultValue={filter.status ?? ""}>
              <option value="">審査待ち（審査中・審査完了）</option>
              {QUEUE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {APPLICATION_STATUS_STAFF_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ordererId">発注者</label>
            <select id="ordererId" name="ordererId" defaultValue={filter.ordererId ?? ""}>
              <option value="">すべて</option>
              {orderers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="menu">申込の種類</label>
            <select id="menu" name="menu" defaultValue={filter.menu ?? ""}>
              <option value="">すべて</option>
              {APPLICATION_MENUS.map((m) => (
                <option key={m} value={m}>
                  {APPLICATION_MENU_LABELS[m]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="deliveryMethod">受取方法</label>
            <select id="deliveryMethod" name="deliveryMethod" defaultValue={filter.deliveryMethod ?? ""}>
              <option value="">すべて</option>
              {DELIVERY_METHODS.map((d) => (
                <option key={d} value={d}>
                  {DELIVERY_SHORT[d]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="btn btn--secondary">
          絞り込む
        </button>
      </form>

      <p role="status">{total}件</p>
      {rows.length === 0 ? (
        <p>該当する申込はありません。</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">保証申込一覧</caption>
          <thead>
            <tr>
              <th scope="col">提出日時</th>
              <th scope="col">状態</th>
              <th scope="col">工事名</th>
              <th scope="col">請負者</th>
              <th scope="col">発注者</th>
              <th scope="col">申込の種類</th>
              <th scope="col">受取方法</th>
              <th scope="col" className="num">
                保証料
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.submittedAt ? formatDateTimeJst(r.submittedAt) : "—"}</td>
                <td>
                  <ApplicationStatusBadge status={r.status} />
                  {r.contractNumbers.length ? <div>{r.contractNumbers.join("、")}</div> : null}
                </td>
                <td>
                  <Link href={`/admin/applications/${r.id}`}>{r.workName ?? "（工事名未入力）"}</Link>
                </td>
                <td>{r.companyName}</td>
                <td>
                  {r.ordererName ?? "—"}
                  {r.departmentName ? <div className="muted">{r.departmentName}</div> : null}
                </td>
                <td>
                  {APPLICATION_MENU_LABELS[r.menu]}
                  {r.menu === "ADVANCE" && r.withContractGuarantee ? <div className="muted">契約保証あり</div> : null}
                </td>
                <td>{r.deliveryMethod ? DELIVERY_SHORT[r.deliveryMethod] : "—"}</td>
                <td className="num">
                  {r.fee === null ? <span className="badge badge--error">計算できません</span> : formatYen(r.fee)}
                  {r.feeNote ? <div className="muted">{r.feeNote}</div> : null}
                  {r.blockers.length ? (
                    <div className="muted" title={r.blockers.join("\n")}>
                      要確認 {r.blockers.length}件
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        basePath="/admin/applications"
        params={{ status: filter.status, ordererId: filter.ordererId, menu: filter.menu, deliveryMethod: filter.deliveryMethod }}
      />
    </>
  );
}
