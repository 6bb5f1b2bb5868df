import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/session";
import { formatDateTimeJst } from "@/lib/dates";
import { ChangeActionButton } from "@/components/change/change-action-button";
import { getReconciliationOverview } from "@/lib/reconciliation/get-reconciliation-overview";
import { RECONCILIATION_FINDING_LABELS, RECONCILIATION_TRIGGER_LABELS } from "@/lib/reconciliation/labels";
import { reconcileNowAction } from "./actions";

export const metadata: Metadata = { title: "D-Sure 照合" };

const shortHash = (h: string | null) => (h ? `${h.slice(0, 12)}…` : "—");

export default async function ReconciliationPage() {
  const staff = await requireStaffPage();
  const { latest, running, runs, findings } = await getReconciliationOverview();
  const mayRun = staff.role === "APPROVER" || staff.role === "ADMIN";
  return (
    <>
      <h1>D-Sure 照合</h1>
      <p>
        当社が D-Sure に登録した記録（D-Sure の署名付き受領証を保管しています）と、D-Sure が現在発注者に示している記録を、保証契約ごとに照らし合わせます。
        D-Sure の記録の巻き戻し（古いバックアップからの復元）、最新の記録の削除、当社が登録していない記録は、ここに不一致として表示します。
      </p>
      {running ? <p role="status">照合を実行中です（{formatDateTimeJst(running.startedAt)} 開始）。</p> : null}
      {mayRun ? <ChangeActionButton action={reconcileNowAction} label="今すぐ照合する" pendingLabel="照合中…" tone="secondary" /> : null}

      <section className="panel" aria-labelledby="latest-heading">
        <h2 id="latest-heading">最新の照合結果</h2>
        {!latest ? (
          <p>まだ照合していません。</p>
        ) : (
          <>
            <p>
              {formatDateTimeJst(latest.finishedAt ?? latest.startedAt)}（{RECONCILIATION_TRIGGER_LABELS[latest.trigger]}）：保証契約 {latest.certificates.toLocaleString("ja-JP")} 件を照合、
              不一致 {latest.discrepancies.toLocaleString("ja-JP")} 件
            </p>
            {latest.error ? <p role="alert">{latest.error}</p> : null}
            {findings.length === 0 ? (
              latest.error ? null : <p role="status">不一致はありません。</p>
            ) : (
              <table className="data">
                <caption className="visually-hidden">不一致の一覧</caption>
                <thead>
                  <tr>
                    <th scope="col">保証契約番号</th>
                    <th scope="col">内容</th>
                    <th scope="col">記録</th>
                    <th scope="col">当社の登録（受領証）</th>
                    <th scope="col">D-Sure の現在</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.map((f) => (
                    <tr key={f.id}>
                      <td className="mono">
                        <Link href={`/admin/contracts/${f.contractId}`}>{f.contractNumber}</Link>
                      </td>
                      <td>
                        <strong>{RECONCILIATION_FINDING_LABELS[f.kind]}</strong>
                      </td>
                      <td>{f.seq ? `${f.seq} 件目` : "全体"}</td>
                      <td>
                        {f.expected.length} 件
                        <br />
                        <span className="mono muted">{shortHash(f.expected.hash)}</span>
                        {f.expected.receiptAt ? (
                          <>
                            <br />
                            <span className="muted">受領証 {formatDateTimeJst(new Date(f.expected.receiptAt))}</span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {f.actual.length} 件
                        <br />
                        <span className="mono muted">{shortHash(f.actual.hash)}</span>
                        {f.actual.problem ? (
                          <>
                            <br />
                            <span className="muted">検証: {f.actual.problem.toLowerCase()}</span>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>

      {runs.length > 1 ? (
        <section className="panel" aria-labelledby="runs-heading">
          <h2 id="runs-heading">これまでの照合</h2>
          <table className="data">
            <caption className="visually-hidden">照合の履歴（新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">開始</th>
                <th scope="col">実行</th>
                <th scope="col">保証契約</th>
                <th scope="col">不一致</th>
                <th scope="col">結果</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTimeJst(r.startedAt)}</td>
                  <td>{RECONCILIATION_TRIGGER_LABELS[r.trigger]}</td>
                  <td>{r.certificates.toLocaleString("ja-JP")} 件</td>
                  <td>{r.discrepancies.toLocaleString("ja-JP")} 件</td>
                  <td>{!r.finishedAt ? "実行中" : r.error ? "完了できませんでした" : "完了"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
