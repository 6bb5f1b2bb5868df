import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import crypto from "node:crypto";
import { ChangeActionButton } from "@/components/change/change-action-button";
import { ChangeComparison } from "@/components/change/change-comparison";
import { ChangeRequestForm } from "@/components/change/change-request-form";
import { ChangeStatusBadge } from "@/components/change/change-status-badge";
import { requireContractorPage } from "@/lib/auth/session";
import { getChangeRequestDetail } from "@/lib/change/get-change-request-detail";
import { CHANGE_KIND_LABELS } from "@/lib/change/labels";
import { GUARANTEE_AMOUNT_LABELS } from "@/lib/contract/labels";
import { formatDateTimeJst, formatWarekiWithSeireki } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { resubmitChangeAction, withdrawChangeAction } from "../actions";

export const metadata: Metadata = { title: "変更の申込" };

const yenText = (v: bigint | null) => (v === null ? "" : String(v));

export default async function ChangeRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireContractorPage();
  const { id } = await params;
  const sp = await searchParams;
  const c = await getChangeRequestDetail({ changeRequestId: id, companyId: user.companyId });
  if (!c) notFound();
  const inHand = c.status === "SUBMITTED" || c.status === "REVIEWED" || c.status === "RETURNED";

  return (
    <>
      <p>
        <Link href="/enet/changes">← 保証契約締結後の変更へ戻る</Link>
      </p>
      <h1>
        変更の申込（{CHANGE_KIND_LABELS[c.kind]}） <ChangeStatusBadge status={c.status} />
      </h1>
      {sp.submitted === "1" && (c.status === "SUBMITTED" || c.status === "REVIEWED") ? (
        <p className="notice notice--success" role="status">
          変更の申込を受け付けました。審査・承認のうえ、変更後の電子証書を登録します。
        </p>
      ) : null}

      {c.status === "APPROVED" ? (
        <div className="notice notice--success">
          <p style={{ margin: 0 }}>
            承認され、変更後の{c.deliveryMethod === "ELECTRONIC" ? "電子証書" : "保証証書"}（第{c.version}版）を登録しました{c.approvedAt ? `（${formatDateTimeJst(c.approvedAt)}）` : ""}。
          </p>
          {c.deliveryMethod === "ELECTRONIC" ? (
            <p style={{ margin: "0.5rem 0 0" }}>
              <Link href={`/enet/certificates/${c.contractNumber}`}>変更後の電子証書を確認する</Link>
            </p>
          ) : (
            <p style={{ margin: "0.5rem 0 0" }}>変更後の保証証書（書面）を郵送します。</p>
          )}
        </div>
      ) : null}
      {c.status === "RETURNED" && c.returnReason ? (
        <div className="notice notice--warning">
          <p style={{ margin: 0 }}>
            <strong>差戻し理由</strong>
          </p>
          <p style={{ whiteSpace: "pre-wrap", margin: "0.25rem 0 0" }}>{c.returnReason}</p>
        </div>
      ) : null}

      <h2>対象の保証契約</h2>
      <dl className="kv">
        <dt>保証契約番号</dt>
        <dd>{c.contractNumber}</dd>
        <dt>保証の種類</dt>
        <dd>{GUARANTEE_TYPE_LABELS[c.guaranteeType]}</dd>
        <dt>工事名</dt>
        <dd>{c.workName}</dd>
        <dt>申込日時</dt>
        <dd>{formatDateTimeJst(c.submittedAt)}</dd>
      </dl>

      <h2>変更内容</h2>
      <ChangeComparison change={c} />

      {c.status === "APPROVED" && c.feeDifference !== null && c.feeDifference !== 0n ? (
        <>
          <h2>保証料</h2>
          <dl className="kv">
            <dt>{c.feeDifference > 0n ? "追加の保証料" : "返還する保証料"}</dt>
            <dd>{formatYen(c.feeDifference > 0n ? c.feeDifference : -c.feeDifference)}</dd>
            <dt>変更後の保証料</dt>
            <dd>{c.newFee === null ? "—" : formatYen(c.newFee)}</dd>
          </dl>
          {c.refundStatementId ? (
            <p>
              <Link href="/enet/fee-statements">保証料返還計算書（PDF）は「保証料計算書」からダウンロードできます</Link>
            </p>
          ) : null}
        </>
      ) : null}

      {c.status === "RETURNED" ? (
        <section aria-labelledby="fix-heading">
          <h2 id="fix-heading">内容を修正して再度申し込む</h2>
          <ChangeRequestForm
            action={resubmitChangeAction}
            kind={c.kind}
            hidden={{ changeRequestId: c.id, requestToken: crypto.randomUUID() }}
            initialValues={{
              newContractAmount: yenText(c.requested.contractAmount),
              newGuaranteeAmount: yenText(c.requested.guaranteeAmount),
              newPeriodTo: c.requested.periodTo ?? "",
              newCompanyName: c.requested.companyName ?? "",
              newAddress: c.requested.address ?? "",
              changeContractDate: c.changeContractDate,
              reason: c.reason,
            }}
            current={{
              contractAmount: formatYen(c.before.contractAmount),
              guaranteeAmount: formatYen(c.before.guaranteeAmount),
              amountLabel: GUARANTEE_AMOUNT_LABELS[c.guaranteeType],
              workPeriodTo: formatWarekiWithSeireki(c.before.periodTo),
              companyName: c.before.companyName,
              address: c.before.address,
            }}
            submitLabel="修正して申し込む"
          />
        </section>
      ) : null}

      {inHand ? (
        <section aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">申込の取下げ</h2>
          <ChangeActionButton action={withdrawChangeAction} label="この変更の申込を取り下げる" pendingLabel="処理中…" tone="secondary" confirm="取り下げると元に戻せないことを確認しました">
            <input type="hidden" name="changeRequestId" value={c.id} />
          </ChangeActionButton>
        </section>
      ) : null}
    </>
  );
}
