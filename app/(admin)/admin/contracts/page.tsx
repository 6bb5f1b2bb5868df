import type { Metadata } from "next";
import Link from "next/link";
import { GenerateFeeStatementsForm } from "@/components/change/generate-fee-statements-form";
import { requireStaffPage } from "@/lib/auth/session";
import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import { listContractsForStaff } from "@/lib/contract/list-contracts-for-staff";
import { formatWareki } from "@/lib/dates";
import { monthOfJst, previousMonth } from "@/lib/fee-statement/month";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { generateFeeStatementsAction } from "./actions";

export const metadata: Metadata = { title: "保証契約" };

const TONE = { VALID: "badge--ok", CANCELLED: "badge--error", EXPIRED: "" } as const;

export default async function ContractsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaffPage(["REVIEWER", "APPROVER", "ADMIN"]);
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : "";
  const contracts = await listContractsForStaff({ q });
  return (
    <>
      <p>
        <Link href="/admin">← 業務メニュー</Link>
      </p>
      <h1>保証契約</h1>
      <form method="get" className="inline-form filters">
        <div className="field">
          <label htmlFor="q">保証契約番号・工事名・請負者</label>
          <input id="q" name="q" type="text" defaultValue={q} autoComplete="off" />
        </div>
        <button type="submit" className="btn btn--secondary">
          検索
        </button>
      </form>

      {contracts.length === 0 ? (
        <p className="notice">該当する保証契約はありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">保証契約番号</th>
              <th scope="col">請負者</th>
              <th scope="col">工事名</th>
              <th scope="col" className="num">
                保証金額
              </th>
              <th scope="col">保証期間（至）</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {contracts.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/admin/contracts/${c.id}`}>{c.contractNumber}</Link>
                  <div className="muted">
                    {GUARANTEE_TYPE_LABELS[c.guaranteeType]}・{c.deliveryMethod === "ELECTRONIC" ? "電子" : "書面"}・第{c.currentVersion}版
                  </div>
                </td>
                <td>{c.companyName}</td>
                <td>
                  {c.workName}
                  <div className="muted">{c.ordererName}</div>
                </td>
                <td className="num">{formatYen(c.guaranteeAmount)}</td>
                <td>{formatWareki(c.periodTo)}</td>
                <td>
                  <span className={`badge ${TONE[c.lifecycleStatus]}`}>{DISPLAY_STATUS_LABELS[c.lifecycleStatus]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {staff.role === "APPROVER" || staff.role === "ADMIN" ? (
        <section className="panel" aria-labelledby="fee-heading">
          <h2 id="fee-heading">保証料計算書（保証料一括納付）</h2>
          <p className="muted">
            毎月1日（日本時間 0時10分以降）に前月分を自動で作成します。ここでは終わった月の分を手動で作成できます（作成済みの請負者には作成しません）。
          </p>
          <GenerateFeeStatementsForm action={generateFeeStatementsAction} defaultMonth={previousMonth(monthOfJst(new Date()))} />
        </section>
      ) : null}
    </>
  );
}
