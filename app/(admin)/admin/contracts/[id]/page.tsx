import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CancelContractForm } from "@/components/change/cancel-contract-form";
import { ChangeActionButton } from "@/components/change/change-action-button";
import { ChangeStatusBadge } from "@/components/change/change-status-badge";
import { requireStaffPage } from "@/lib/auth/session";
import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import { CHANGE_KIND_LABELS } from "@/lib/change/labels";
import { GUARANTEE_AMOUNT_LABELS } from "@/lib/contract/labels";
import { getContractForStaff } from "@/lib/contract/get-contract-for-staff";
import { formatDateTimeJst, formatWareki, formatWarekiWithSeireki, todayJst } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { RegistrationStatus } from "@/components/certificate/registration-status";
import { REGISTRATION_KIND_LABELS, REGISTRATION_STATUS_LABELS } from "@/lib/certificate/registration-state";
import { cancelContractAction, reissueAuthKeyAction, retryRegistrationAction } from "./actions";

export const metadata: Metadata = { title: "保証契約の詳細" };

const TONE = { VALID: "badge--ok", CANCELLED: "badge--error", EXPIRED: "" } as const;
const date = (d: Date | null) => (d ? formatWarekiWithSeireki(d) : "—");

export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaffPage(["REVIEWER", "APPROVER", "ADMIN"]);
  const { id } = await params;
  const c = await getContractForStaff({ contractId: id });
  if (!c) notFound();
  const mayAct = staff.role === "APPROVER" || staff.role === "ADMIN";
  const liveKey = c.authKeys.find((k) => k.revokedAt === null) ?? null;

  return (
    <>
      <p>
        <Link href="/admin/contracts">← 保証契約</Link>
      </p>
      <h1>
        保証契約 <span className="contract-number">{c.contractNumber}</span>
      </h1>
      <p>
        <span className={`badge ${TONE[c.lifecycleStatus]}`} style={c.lifecycleStatus === "CANCELLED" ? { fontSize: "1.25rem" } : undefined}>
          {DISPLAY_STATUS_LABELS[c.lifecycleStatus]}
        </span>{" "}
        {GUARANTEE_TYPE_LABELS[c.guaranteeType]}・{c.deliveryMethod === "ELECTRONIC" ? "電子交付" : "書面"}・現在 第{c.currentVersion}版
      </p>
      {c.status === "CANCELLED" ? (
        <div className="notice notice--error">
          <p style={{ margin: 0 }}>
            <strong>解約</strong>（解約日 {date(c.cancelDate)}、処理 {c.cancelledAt ? formatDateTimeJst(c.cancelledAt) : "—"}）
          </p>
          <p style={{ whiteSpace: "pre-wrap", margin: "0.25rem 0 0" }}>{c.cancelReason}</p>
        </div>
      ) : null}

      <h2>契約内容（現在）</h2>
      <dl className="kv">
        <dt>請負者</dt>
        <dd>
          {c.company.name}（{c.company.address}）{c.company.lumpSumPayment ? "・保証料一括納付" : ""}
        </dd>
        <dt>発注者</dt>
        <dd>
          {c.orderer.name}　{c.department.name}（{c.department.email}）
        </dd>
        <dt>工事名</dt>
        <dd>{c.workName}</dd>
        <dt>工事場所</dt>
        <dd>{c.workLocation ?? "—"}</dd>
        <dt>請負代金額</dt>
        <dd>{formatYen(c.contractAmount)}</dd>
        <dt>保証金額（{GUARANTEE_AMOUNT_LABELS[c.guaranteeType]}）</dt>
        <dd>{formatYen(c.guaranteeAmount)}</dd>
        <dt>契約日</dt>
        <dd>{date(c.contractDate)}</dd>
        <dt>工期</dt>
        <dd>
          {date(c.workPeriodFrom)} 〜 {date(c.workPeriodTo)}
        </dd>
        <dt>保証期間</dt>
        <dd>
          {date(c.periodFrom)} 〜 {date(c.periodTo)}
        </dd>
        <dt>保証料（これまでの合計）</dt>
        <dd>
          {formatYen(c.fee)}
          {c.rateTable ? <span className="muted">（{c.rateTable.name}）</span> : null}
        </dd>
        <dt>保証契約締結日時</dt>
        <dd>{formatDateTimeJst(c.concludedAt)}</dd>
        <dt>申込</dt>
        <dd>
          <Link href={`/admin/applications/${c.applicationId}`}>保証申込を表示</Link>
        </dd>
      </dl>

      <h2>電子証書の版</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">版</th>
            <th scope="col">登録日時</th>
            <th scope="col">変更内容</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {c.versions.map((v) => (
            <tr key={v.version}>
              <td>第{v.version}版</td>
              <td>{formatDateTimeJst(v.issuedAt)}</td>
              <td>{v.changeSummary ?? "（当初）"}</td>
              <td>
                {v.cancelledAt ? "解約" : v.supersededAt ? `変更済（${formatWareki(v.supersededAt)}）` : "現在の版"}
                <div className="muted">署名鍵 {v.signingKeyId}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>変更の申込</h2>
      {c.changeRequests.length === 0 ? (
        <p>変更の申込はありません。</p>
      ) : (
        <ul>
          {c.changeRequests.map((r) => (
            <li key={r.id}>
              <Link href={`/admin/changes/${r.id}`}>
                {formatDateTimeJst(r.submittedAt)} {CHANGE_KIND_LABELS[r.kind]}
              </Link>{" "}
              <ChangeStatusBadge status={r.status} staff />
              {r.feeDifference !== null && r.feeDifference !== 0n ? <span className="muted"> 保証料差額 {formatYen(r.feeDifference)}</span> : null}
            </li>
          ))}
        </ul>
      )}

      {c.deliveryMethod === "ELECTRONIC" ? (
        <section className="panel" aria-labelledby="registration-heading">
          <h2 id="registration-heading">D-Sure 登録状況</h2>
          <p>
            <RegistrationStatus state={c.registration} audience="staff" />
          </p>
          <p className="muted">
            電子証書の各版・認証キー・解約は、署名した記録として D-Sure に登録します。登録が済むまで発注者は D-Sure で閲覧できず、請負者への「電子証書・認証キー登録のお知らせ」も送信しません。
          </p>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">記録</th>
                <th scope="col">内容</th>
                <th scope="col">登録状況</th>
                <th scope="col">登録日時</th>
              </tr>
            </thead>
            <tbody>
              {c.registrations.map((r) => (
                <tr key={r.seq}>
                  <td>{r.seq}</td>
                  <td>{REGISTRATION_KIND_LABELS[r.kind] ?? r.kind}</td>
                  <td>
                    {REGISTRATION_STATUS_LABELS[r.status]}
                    {r.status !== "REGISTERED" && r.lastError ? <div className="muted">{r.lastError}（試行 {r.attempts} 回）</div> : null}
                  </td>
                  <td>{r.registeredAt ? formatDateTimeJst(r.registeredAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {mayAct && c.registration.status !== "REGISTERED" ? (
            <ChangeActionButton action={retryRegistrationAction} label="D-Sure に再登録する" pendingLabel="再登録中…" tone="secondary">
              <input type="hidden" name="contractId" value={c.id} />
            </ChangeActionButton>
          ) : null}
        </section>
      ) : null}

      {c.deliveryMethod === "ELECTRONIC" ? (
        <section className="panel" aria-labelledby="key-heading">
          <h2 id="key-heading">認証キー</h2>
          <p>
            現在の認証キー：{liveKey ? `${formatDateTimeJst(liveKey.issuedAt)} 発行` : "なし"}
            <span className="muted">（認証キーは業務システムには表示しません。請負者が「認証キー等のお知らせ」をダウンロードします）</span>
          </p>
          {c.authKeys.length > 1 ? (
            <p className="muted">
              過去の認証キー：
              {c.authKeys
                .filter((k) => k.revokedAt)
                .map((k) => `${formatDateTimeJst(k.issuedAt)} 発行・${formatDateTimeJst(k.revokedAt!)} 失効`)
                .join("／")}
            </p>
          ) : null}
          {c.submissions.length ? (
            <>
              <h3>発注者への送信</h3>
              <ul>
                {c.submissions.map((s) => (
                  <li key={s.id}>
                    {formatDateTimeJst(s.createdAt)} {s.department.name}（{s.toAddress}）「{s.subject}」
                    {liveKey && s.keyVersionId !== liveKey.id ? <span className="muted">（再発行前の認証キー）</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {mayAct ? (
            <ChangeActionButton
              action={reissueAuthKeyAction}
              label="認証キーを再発行する"
              pendingLabel="再発行中…"
              tone="secondary"
              confirm="今の認証キーは直ちに使えなくなり、発注者への再提出が必要になることを確認しました"
            >
              <input type="hidden" name="contractId" value={c.id} />
            </ChangeActionButton>
          ) : null}
        </section>
      ) : null}

      {mayAct && c.status === "ACTIVE" ? (
        <section className="panel" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">解約</h2>
          <p className="muted">解約すると、D-Sure（発注者）と e-Net保証（請負者）に「解約」と表示されます。手続き中の変更は取り下げられます。</p>
          <CancelContractForm action={cancelContractAction} contractId={c.id} today={todayJst()} />
        </section>
      ) : null}
    </>
  );
}
