import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/admin/action-form";
import { FormMessage } from "@/components/form/field";
import { FeePlan } from "@/components/admin/fee-plan";
import { ReturnReasonForm } from "@/components/form/return-reason-form";
import { ApplicationStatusBadge } from "@/components/admin/status-badge";
import { requireStaffPage } from "@/lib/auth/session";
import { CONTRACT_STATUS_LABELS } from "@/lib/contract/labels";
import { formatDateTimeJst, formatWareki, formatWarekiWithSeireki } from "@/lib/dates";
import {
  APPLICATION_MENU_LABELS,
  DELIVERY_METHOD_LABELS,
  FIELD_LABELS,
  GUARANTEE_TYPE_LABELS,
  WORK_CATEGORY_LABELS,
} from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { getApplicationForReview } from "@/lib/review/get-application-for-review";
import { completeReviewAction, concludeContractAction, returnApplicationAction } from "./actions";

export const metadata: Metadata = { title: "保証申込の審査" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EVENT_LABELS: Record<string, string> = {
  SUBMITTED: "提出",
  RETURNED: "差戻し",
  RESUBMITTED: "再提出",
  REVIEWED: "審査完了",
  CONCLUDED: "保証契約締結",
  WITHDRAWN: "取下げ",
};

const date = (d: Date | null) => (d ? formatWarekiWithSeireki(d) : "—");
const yen = (v: bigint | null) => (v === null ? "—" : formatYen(v));

export default async function ApplicationReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaffPage(["REVIEWER", "APPROVER", "ADMIN"]);
  const { id } = await params;
  const { notice } = await searchParams;
  if (!UUID.test(id)) notFound();
  const data = await getApplicationForReview({ applicationId: id });
  if (!data) notFound();
  const { application: a, plan, planDate } = data;

  const reviewedByMe = a.reviewedById === staff.userId;
  const canReview = staff.role === "REVIEWER" && a.status === "SUBMITTED";
  const canReturn = (staff.role === "REVIEWER" && (a.status === "SUBMITTED" || a.status === "REVIEWED")) || (staff.role === "APPROVER" && a.status === "REVIEWED");
  const canConclude = staff.role === "APPROVER" && a.status === "REVIEWED" && !reviewedByMe;
  const numbers = a.contracts.map((c) => c.contractNumber).join("、");
  // Shown after an action redirected here (post/redirect/get); only when the state still matches it.
  const noticeText =
    notice === "reviewed" && a.status === "REVIEWED"
      ? "審査完了にしました。承認者による締結を待っています。"
      : notice === "returned" && a.status === "RETURNED"
        ? "差戻しました。請負者に「差戻しのお知らせ」を送ります。"
        : notice === "concluded" && a.status === "CONCLUDED"
          ? `保証契約を締結しました。保証契約番号：${numbers}`
          : notice === "already-concluded" && a.status === "CONCLUDED"
            ? `この申込は締結済みです（保証契約番号：${numbers}）。`
            : null;

  return (
    <>
      <p>
        <Link href="/admin/applications">← 保証申込一覧</Link>
      </p>
      <h1>保証申込の審査</h1>
      <p>
        <ApplicationStatusBadge status={a.status} /> {a.workName ?? "（工事名未入力）"}／{a.company.name}
      </p>
      <FormMessage message={noticeText} tone="success" />

      {a.status === "CONCLUDED" && a.contracts.length ? (
        <section className="panel" aria-labelledby="contracts-heading">
          <h2 id="contracts-heading">締結した保証契約</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">保証契約番号</th>
                <th scope="col">保証の種類</th>
                <th scope="col" className="num">
                  保証金額
                </th>
                <th scope="col" className="num">
                  保証料
                </th>
                <th scope="col">保証期間</th>
                <th scope="col">受取方法</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {a.contracts.map((c) => (
                <tr key={c.id}>
                  <td className="contract-number">
                    <Link href={`/admin/contracts/${c.id}`}>{c.contractNumber}</Link>
                  </td>
                  <td>{GUARANTEE_TYPE_LABELS[c.guaranteeType]}</td>
                  <td className="num">{formatYen(c.guaranteeAmount)}</td>
                  <td className="num">
                    {formatYen(c.fee)}
                    {c.rateTable ? <div className="muted">{c.rateTable.name}</div> : null}
                  </td>
                  <td>
                    {formatWareki(c.periodFrom)}〜{formatWareki(c.periodTo)}
                  </td>
                  <td>
                    {c.deliveryMethod === "ELECTRONIC"
                      ? `電子交付（第${c.currentVersion}版・認証キー${c.authKeys.length ? "登録済" : "なし"}）`
                      : `書面（印刷・発送：${c.tasks.some((t) => t.status === "OPEN") ? "未完了" : "完了"}）`}
                  </td>
                  <td>{CONTRACT_STATUS_LABELS[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">締結日時：{a.concludedAt ? formatDateTimeJst(a.concludedAt) : "—"}（承認者：{a.approvedBy?.name ?? "—"}）</p>
        </section>
      ) : null}

      {a.status === "SUBMITTED" || a.status === "REVIEWED" ? (
        <section className="panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{a.status === "SUBMITTED" ? "審査" : "締結"}</h2>
          {plan.blockers.length ? (
            <div className="notice notice--warning">
              <p>このままでは締結できません：</p>
              <ul>
                {plan.blockers.map((b) => (
                  <li key={b.message}>{b.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {a.status === "REVIEWED" ? (
            <p>
              審査完了：{a.reviewedBy?.name}（{a.reviewedBy?.staffId}）{a.reviewedAt ? ` ${formatDateTimeJst(a.reviewedAt)}` : ""}
            </p>
          ) : null}
          {canReview ? (
            <ActionForm action={completeReviewAction} label="審査完了" pendingLabel="処理中…">
              <input type="hidden" name="applicationId" value={a.id} />
            </ActionForm>
          ) : null}
          {canConclude ? (
            <ActionForm action={concludeContractAction} label="保証契約を締結する" pendingLabel="締結処理中…">
              <input type="hidden" name="applicationId" value={a.id} />
            </ActionForm>
          ) : null}
          {staff.role === "APPROVER" && a.status === "REVIEWED" && reviewedByMe ? (
            <p className="notice notice--warning">審査を担当した職員は締結できません。ほかの承認者に依頼してください。</p>
          ) : null}
          {staff.role !== "APPROVER" && a.status === "REVIEWED" ? <p>承認者による締結を待っています。</p> : null}
          {canReturn ? (
            <details>
              <summary>差戻す</summary>
              <ReturnReasonForm action={returnApplicationAction} idName="applicationId" idValue={a.id} hint="請負者へのメールと申込画面に表示されます。" maxLength={1000} />
            </details>
          ) : null}
        </section>
      ) : null}

      {a.status === "RETURNED" && a.returnReason ? (
        <div className="notice notice--warning">
          <p>差戻し理由：</p>
          <p style={{ whiteSpace: "pre-wrap" }}>{a.returnReason}</p>
        </div>
      ) : null}

      <h2>申込内容</h2>
      <dl className="kv">
        <dt>{FIELD_LABELS.menu}</dt>
        <dd>
          {APPLICATION_MENU_LABELS[a.menu]}
          {a.menu === "ADVANCE" ? `（契約保証：${a.withContractGuarantee ? "申し込む" : "申し込まない"}）` : ""}
        </dd>
        {a.baseContract ? (
          <>
            <dt>{FIELD_LABELS.baseContractId}</dt>
            <dd>{a.baseContract.contractNumber}</dd>
          </>
        ) : null}
        <dt>{FIELD_LABELS.ordererId}</dt>
        <dd>{a.orderer?.name ?? "—"}</dd>
        <dt>{FIELD_LABELS.departmentId}</dt>
        <dd>
          {a.department ? `${a.department.name}（${a.department.email}）` : "—"}
        </dd>
        <dt>{FIELD_LABELS.workName}</dt>
        <dd>{a.workName ?? "—"}</dd>
        <dt>{FIELD_LABELS.workLocation}</dt>
        <dd>{a.workLocation ?? "—"}</dd>
        <dt>{FIELD_LABELS.workCategory}</dt>
        <dd>{a.workCategory ? WORK_CATEGORY_LABELS[a.workCategory] : "—"}</dd>
        <dt>{FIELD_LABELS.bidDate}</dt>
        <dd>{date(a.bidDate)}</dd>
        <dt>{FIELD_LABELS.contractDate}</dt>
        <dd>{date(a.contractDate)}</dd>
        <dt>工期</dt>
        <dd>
          {date(a.periodFrom)} 〜 {date(a.periodTo)}
        </dd>
        <dt>{FIELD_LABELS.contractAmount}</dt>
        <dd>{yen(a.contractAmount)}</dd>
        {a.menu !== "INTERMEDIATE" ? (
          <>
            <dt>{FIELD_LABELS.advanceAmount}</dt>
            <dd>{yen(a.advanceAmount)}</dd>
          </>
        ) : (
          <>
            <dt>{FIELD_LABELS.intermediateAmount}</dt>
            <dd>{yen(a.intermediateAmount)}</dd>
          </>
        )}
        {a.menu === "ADVANCE" && a.withContractGuarantee ? (
          <>
            <dt>{FIELD_LABELS.contractGuaranteeAmount}</dt>
            <dd>{yen(a.contractGuaranteeAmount)}</dd>
            <dt>{FIELD_LABELS.lowBidInvestigation}</dt>
            <dd>{a.lowBidInvestigation ? "対象" : "対象外"}</dd>
          </>
        ) : null}
        <dt>{FIELD_LABELS.deliveryMethod}</dt>
        <dd>{a.deliveryMethod ? DELIVERY_METHOD_LABELS[a.deliveryMethod] : "—"}</dd>
        <dt>{FIELD_LABELS.notes}</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{a.notes || "—"}</dd>
        <dt>提出日時</dt>
        <dd>{a.submittedAt ? formatDateTimeJst(a.submittedAt) : "—"}</dd>
      </dl>

      <h2>請負者</h2>
      <dl className="kv">
        <dt>商号</dt>
        <dd>{a.company.name}</dd>
        <dt>代表者</dt>
        <dd>{a.company.representative}</dd>
        <dt>所在地</dt>
        <dd>{a.company.address}</dd>
        <dt>建設業許可番号</dt>
        <dd>{a.company.licenseNumber}</dd>
        <dt>連絡先</dt>
        <dd>
          {a.company.email}／{a.company.phone}
        </dd>
        <dt>申込者</dt>
        <dd>
          {a.createdBy.name}（お客様ID：{a.createdBy.customerId}）
        </dd>
      </dl>

      <h2>電子交付の可否</h2>
      {a.deliveryMethod !== "ELECTRONIC" ? (
        <p>書面での受取を希望しています（電子交付の判定は不要です）。</p>
      ) : plan.eligibility?.eligible ? (
        <p>
          <span className="badge badge--ok">電子交付の対象</span> 発注者の電子交付の条件を満たしています。
        </p>
      ) : (
        <p>
          <span className="badge badge--error">電子交付の対象外</span> {plan.eligibility && !plan.eligibility.eligible ? plan.eligibility.reason : ""}
        </p>
      )}

      <h2>保証料・保証期間</h2>
      <p>
        保証期間：
        {plan.period ? `${formatWarekiWithSeireki(plan.period.from)} 〜 ${formatWarekiWithSeireki(plan.period.to)}` : "（契約日・工期が未入力のため決まりません）"}
      </p>
      {a.status === "CONCLUDED" ? (
        <p className="muted">締結済の保証料は上の「締結した保証契約」を参照してください。以下は本日の料率表による参考値です。</p>
      ) : (
        <p className="muted">本日（{formatWareki(planDate)}）締結した場合の保証料です。締結日に適用される料率表で確定します。</p>
      )}
      <FeePlan plan={plan} planDate={planDate} />

      <h2>履歴</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">内容</th>
            <th scope="col">操作者</th>
            <th scope="col">備考</th>
          </tr>
        </thead>
        <tbody>
          {a.events.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTimeJst(e.createdAt)}</td>
              <td>{EVENT_LABELS[e.type] ?? e.type}</td>
              <td>{e.actorName ?? (e.actorType === "SYSTEM" ? "システム" : "—")}</td>
              <td style={{ whiteSpace: "pre-wrap" }}>{e.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
