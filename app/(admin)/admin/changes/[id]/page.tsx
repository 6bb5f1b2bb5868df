import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChangeActionButton } from "@/components/change/change-action-button";
import { ChangeComparison } from "@/components/change/change-comparison";
import { ChangeStatusBadge } from "@/components/change/change-status-badge";
import { ReturnReasonForm } from "@/components/form/return-reason-form";
import { requireStaffPage } from "@/lib/auth/session";
import { getChangeRequestDetail } from "@/lib/change/get-change-request-detail";
import { CHANGE_KIND_LABELS } from "@/lib/change/labels";
import { previewChange } from "@/lib/change/preview-change";
import { formatDateTimeJst, formatWareki } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { approveChangeAction, completeChangeReviewAction, returnChangeAction } from "./actions";

export const metadata: Metadata = { title: "変更の審査・承認" };

function signedYen(v: bigint): string {
  return v > 0n ? `+${formatYen(v)}（追加）` : v < 0n ? `${formatYen(v)}（返還）` : "0円（変更なし）";
}

export default async function ChangeReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaffPage(["REVIEWER", "APPROVER", "ADMIN"]);
  const { id } = await params;
  const c = await getChangeRequestDetail({ changeRequestId: id });
  if (!c) notFound();
  const preview = c.status === "SUBMITTED" || c.status === "REVIEWED" ? await previewChange({ changeRequestId: c.id }) : null;

  const reviewedByMe = c.reviewedBy?.id === staff.userId;
  const canReview = staff.role === "REVIEWER" && c.status === "SUBMITTED";
  const canReturn = (staff.role === "REVIEWER" && (c.status === "SUBMITTED" || c.status === "REVIEWED")) || (staff.role === "APPROVER" && c.status === "REVIEWED");
  const canApprove = staff.role === "APPROVER" && c.status === "REVIEWED" && !reviewedByMe;

  return (
    <>
      <p>
        <Link href="/admin/changes">← 保証契約締結後の変更</Link>
      </p>
      <h1>
        変更の審査・承認（{CHANGE_KIND_LABELS[c.kind]}）
      </h1>
      <p>
        <ChangeStatusBadge status={c.status} staff /> {c.workName}／{c.companyName}
      </p>

      {preview ? (
        <section className="panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{c.status === "SUBMITTED" ? "審査" : "承認"}</h2>
          {preview.problems.length || preview.plan.blockers.length ? (
            <div className="notice notice--warning">
              <p>このままでは承認できません：</p>
              <ul>
                {[...preview.problems, ...preview.plan.blockers].map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <dl className="kv">
            <dt>承認で登録する内容</dt>
            <dd>{preview.plan.summary}</dd>
            <dt>保証料の差額</dt>
            <dd>
              {signedYen(preview.plan.fee.difference)}
              <div className="muted">
                現在の保証料 {formatYen(preview.plan.fee.before)} → 変更後 {formatYen(preview.plan.fee.after)}
                {preview.plan.fee.computed
                  ? `（${preview.plan.fee.computed.rateTable.name}・${preview.plan.fee.computed.result.rateLabel}、本日 ${formatWareki(preview.planDate)} 承認の場合）`
                  : ""}
              </div>
            </dd>
          </dl>
          {c.status === "REVIEWED" ? (
            <p>
              審査完了：{c.reviewedBy?.name}（{c.reviewedBy?.staffId}）{c.reviewedAt ? ` ${formatDateTimeJst(c.reviewedAt)}` : ""}
            </p>
          ) : null}
          {canReview ? (
            <ChangeActionButton action={completeChangeReviewAction} label="審査完了" pendingLabel="処理中…">
              <input type="hidden" name="changeRequestId" value={c.id} />
            </ChangeActionButton>
          ) : null}
          {canApprove ? (
            <ChangeActionButton action={approveChangeAction} label="承認して変更後の電子証書を登録する" pendingLabel="承認処理中…">
              <input type="hidden" name="changeRequestId" value={c.id} />
            </ChangeActionButton>
          ) : null}
          {staff.role === "APPROVER" && c.status === "REVIEWED" && reviewedByMe ? (
            <p className="notice notice--warning">審査を担当した職員は承認できません。ほかの承認者に依頼してください。</p>
          ) : null}
          {staff.role !== "APPROVER" && c.status === "REVIEWED" ? <p>承認者による承認を待っています。</p> : null}
          {canReturn ? (
            <details>
              <summary>差戻す</summary>
              <ReturnReasonForm action={returnChangeAction} idName="changeRequestId" idValue={c.id} hint="請負者へのメールと変更申込の画面に表示されます。" maxLength={2000} />
            </details>
          ) : null}
        </section>
      ) : null}

      {c.status === "APPROVED" ? (
        <section className="panel" aria-labelledby="approved-heading">
          <h2 id="approved-heading">承認済</h2>
          <dl className="kv">
            <dt>登録した版</dt>
            <dd>第{c.version}版</dd>
            <dt>承認</dt>
            <dd>
              {c.approvedBy?.name}（{c.approvedBy?.staffId}）{c.approvedAt ? ` ${formatDateTimeJst(c.approvedAt)}` : ""}
            </dd>
            <dt>審査</dt>
            <dd>
              {c.reviewedBy?.name}（{c.reviewedBy?.staffId}）{c.reviewedAt ? ` ${formatDateTimeJst(c.reviewedAt)}` : ""}
            </dd>
            <dt>保証料の差額</dt>
            <dd>
              {c.feeDifference === null ? "—" : signedYen(c.feeDifference)}
              {c.newFee !== null ? <div className="muted">変更後の保証料 {formatYen(c.newFee)}</div> : null}
              {c.refundStatementId ? <div className="muted">保証料返還計算書を発行しました</div> : null}
            </dd>
          </dl>
          <p>
            <Link href={`/admin/contracts/${c.contractId}`}>保証契約の詳細へ</Link>
          </p>
        </section>
      ) : null}

      {c.status === "RETURNED" && c.returnReason ? (
        <div className="notice notice--warning">
          <p>差戻し理由：</p>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.returnReason}</p>
        </div>
      ) : null}

      <h2>変更内容</h2>
      <ChangeComparison change={c} />

      <h2>対象の保証契約</h2>
      <dl className="kv">
        <dt>保証契約番号</dt>
        <dd>
          <Link href={`/admin/contracts/${c.contractId}`} className="contract-number">
            {c.contractNumber}
          </Link>
        </dd>
        <dt>保証の種類</dt>
        <dd>{GUARANTEE_TYPE_LABELS[c.guaranteeType]}</dd>
        <dt>工事名</dt>
        <dd>{c.workName}</dd>
        <dt>請負者</dt>
        <dd>{c.companyName}</dd>
        <dt>申込者</dt>
        <dd>{c.createdBy ? `${c.createdBy.name}（お客様ID：${c.createdBy.customerId}）` : "—"}</dd>
        <dt>申込日時</dt>
        <dd>{formatDateTimeJst(c.submittedAt)}</dd>
      </dl>
    </>
  );
}
