import type { Metadata } from "next";
import Link from "next/link";
import { ApplicationSummary } from "@/components/application/application-summary";
import { StatusBadge } from "@/components/application/status-badge";
import { requireContractorPage } from "@/lib/auth/session";
import { formatDateTimeJst } from "@/lib/dates";
import { APPLICATION_MENU_LABELS, GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { EDITABLE_STATUSES } from "@/lib/guarantee-application/menu-slugs";
import { loadApplicationForPage } from "../load-for-page";

export const metadata: Metadata = { title: "申込内容（e-Net保証）" };

/** The contractor's view of one event; 審査完了 is internal to the surety (still 審査中 to the contractor). */
const EVENT_LABELS: Record<string, string> = {
  SUBMITTED: "申込み",
  RETURNED: "差戻し",
  RESUBMITTED: "再申込み",
  CONCLUDED: "保証契約締結",
  WITHDRAWN: "取下げ",
};

export default async function ApplicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireContractorPage();
  const { id } = await params;
  const flags = await searchParams;
  const a = await loadApplicationForPage(user.companyId, id);
  const editable = (EDITABLE_STATUSES as readonly string[]).includes(a.status);
  const events = a.events.filter((e) => e.type in EVENT_LABELS);

  return (
    <>
      <h1>{a.workName ?? "（工事名未入力）"}</h1>
      {flags.submitted ? (
        <p className="notice notice--success" role="status">
          申込みを受け付けました。「保証申込受付のお知らせ」をメールでお送りします。審査の状況はこの画面と保存中・手続き中一覧でご確認いただけます。
        </p>
      ) : null}
      {flags.already ? (
        <p className="notice notice--success" role="status">
          この申込みは既に受け付けています（二重に申し込まれてはいません）。
        </p>
      ) : null}
      {flags.notdeletable ? (
        <p className="notice notice--warning" role="status">
          申し込んだ申込みは削除できません。削除できるのは保存中の申込みだけです。
        </p>
      ) : null}
      <dl className="kv">
        <dt>状況</dt>
        <dd>
          <StatusBadge status={a.status} />
        </dd>
        <dt>申込の種類</dt>
        <dd>{APPLICATION_MENU_LABELS[a.menu]}</dd>
        {a.submittedAt ? (
          <>
            <dt>申込日時</dt>
            <dd>{formatDateTimeJst(a.submittedAt)}</dd>
          </>
        ) : null}
        <dt>最終更新</dt>
        <dd>{formatDateTimeJst(a.updatedAt)}</dd>
      </dl>
      {a.status === "RETURNED" ? (
        <div className="notice notice--error">
          <p>
            <strong>差し戻されました。</strong>内容を修正して、もう一度お申し込みください。
          </p>
          <p style={{ whiteSpace: "pre-wrap" }}>差戻し理由：{a.returnReason ?? "（記載なし）"}</p>
        </div>
      ) : null}
      {a.status === "SUBMITTED" || a.status === "REVIEWED" ? (
        <p className="notice">保証会社で審査中です。審査中の申込みは変更できません。</p>
      ) : null}
      {a.contracts.length ? (
        <>
          <h2>締結した保証契約</h2>
          <ul>
            {a.contracts.map((c) => (
              <li key={c.id}>
                {GUARANTEE_TYPE_LABELS[c.guaranteeType]}　保証契約番号 {c.contractNumber}
              </li>
            ))}
          </ul>
          <p>
            <Link href="/enet/certificates">電子証書の確認はこちら</Link>
          </p>
        </>
      ) : null}

      <div className="btn-row">
        {editable ? (
          <Link href={`/enet/applications/${a.id}/edit`} className="btn">
            {a.status === "RETURNED" ? "修正して再申込み" : "続きから入力"}
          </Link>
        ) : null}
        {a.status === "DRAFT" ? (
          <Link href={`/enet/applications/${a.id}/delete`} className="btn btn--secondary">
            削除
          </Link>
        ) : null}
      </div>

      <h2>申込内容</h2>
      <ApplicationSummary application={a} />

      {events.length ? (
        <>
          <h2>経過</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">内容</th>
                <th scope="col">備考</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={i}>
                  <td>{formatDateTimeJst(e.createdAt)}</td>
                  <td>{EVENT_LABELS[e.type]}</td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{e.type === "RETURNED" ? (e.note ?? "") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p>
        <Link href="/enet/applications">保存中・手続き中一覧へ戻る</Link>
      </p>
    </>
  );
}
