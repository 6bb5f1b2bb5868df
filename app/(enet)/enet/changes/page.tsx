import type { Metadata } from "next";
import Link from "next/link";
import { ChangeStatusBadge } from "@/components/change/change-status-badge";
import { requireContractorPage } from "@/lib/auth/session";
import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import { CHANGE_KINDS } from "@/lib/change/codes";
import { CHANGE_KIND_HINTS, CHANGE_KIND_LABELS } from "@/lib/change/labels";
import { listChangeableContracts } from "@/lib/change/list-changeable-contracts";
import { listCompanyChangeRequests } from "@/lib/change/list-company-change-requests";
import { formatDateTimeJst, formatWareki } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";

export const metadata: Metadata = { title: "保証契約締結後の変更" };

export default async function ChangesPage() {
  const user = await requireContractorPage();
  const [contracts, requests] = await Promise.all([
    listChangeableContracts({ companyId: user.companyId }),
    listCompanyChangeRequests({ companyId: user.companyId }),
  ]);
  const changeable = contracts.filter((c) => c.changeable);
  const notChangeable = contracts.filter((c) => !c.changeable);

  return (
    <>
      <p>
        <Link href="/enet">← HOME</Link>
      </p>
      <h1>保証契約締結後の変更</h1>
      <p>
        請負代金額や工期が変わったときは、保証金額・保証期間の変更をお申し込みください。承認後、同じ保証契約番号で変更後の電子証書（次の版）を登録し、「変更後の電子証書登録のお知らせ」をお送りします。
      </p>
      <p className="field__hint">発注者へ前払金の増額を請求する前に、保証の変更と変更後の電子証書の提出が必要です。</p>

      <section aria-labelledby="new-heading">
        <h2 id="new-heading">変更を申し込む</h2>
        {changeable.length === 0 ? (
          <p className="notice">変更を申し込める保証契約がありません（締結済で有効な保証のみ変更できます）。</p>
        ) : (
          <form method="get" action="/enet/changes/new">
            <div className="field">
              <label htmlFor="contract">対象の保証契約</label>
              <select id="contract" name="contract" required defaultValue="">
                <option value="" disabled>
                  選択してください
                </option>
                {changeable.map((c) => (
                  <option key={c.contractNumber} value={c.contractNumber}>
                    {c.contractNumber}　{GUARANTEE_TYPE_LABELS[c.guaranteeType]}　{c.workName}（{formatYen(c.guaranteeAmount)}）
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="field">
              <legend>変更の種類</legend>
              {CHANGE_KINDS.map((k, i) => (
                <div key={k}>
                  <label style={{ fontWeight: 400, display: "inline-flex", gap: "0.5rem" }}>
                    <input type="radio" name="kind" value={k} required defaultChecked={i === 0} aria-describedby={`kind-${k}-hint`} />
                    {CHANGE_KIND_LABELS[k]}
                  </label>
                  <span id={`kind-${k}-hint`} className="field__hint" style={{ marginLeft: "0.75rem" }}>
                    {CHANGE_KIND_HINTS[k]}
                  </span>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="btn">
              次へ（変更内容の入力）
            </button>
          </form>
        )}
        {notChangeable.length > 0 ? (
          <details style={{ marginTop: "1rem" }}>
            <summary>変更を申し込めない保証契約（{notChangeable.length}件）</summary>
            <ul>
              {notChangeable.map((c) => (
                <li key={c.contractNumber}>
                  {c.contractNumber}　{c.workName}：
                  {c.pendingChangeId ? (
                    <>
                      手続き中の変更があります（<Link href={`/enet/changes/${c.pendingChangeId}`}>確認する</Link>）
                    </>
                  ) : (
                    DISPLAY_STATUS_LABELS[c.lifecycleStatus]
                  )}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">変更の申込状況</h2>
        {requests.length === 0 ? (
          <p>変更の申込はまだありません。</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">申込日時</th>
                <th scope="col">保証契約番号</th>
                <th scope="col">工事名</th>
                <th scope="col">変更の種類</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTimeJst(r.submittedAt)}</td>
                  <td>{r.contractNumber}</td>
                  <td>
                    <Link href={`/enet/changes/${r.id}`}>{r.workName}</Link>
                  </td>
                  <td>{CHANGE_KIND_LABELS[r.kind]}</td>
                  <td>
                    <ChangeStatusBadge status={r.status} />
                    {r.status === "APPROVED" && r.version ? (
                      <span className="field__hint">
                        {" "}
                        第{r.version}版{r.approvedAt ? `（${formatWareki(r.approvedAt)}）` : ""}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
