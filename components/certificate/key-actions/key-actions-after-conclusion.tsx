import crypto from "node:crypto";
import { ChangeActionButton } from "@/components/change/change-action-button";
import { formatDateTimeJst } from "@/lib/dates";
import { getKeyNoticeSubmissionOptions } from "@/lib/orderer/get-key-notice-submission-options";
import {
  reissueAuthKeyByContractorAction,
  sendKeyNoticeAction,
} from "@/app/(enet)/enet/certificates/[contractNumber]/key/actions-after-conclusion";
import { SendKeyNoticeForm } from "./send-key-notice-form";

const MAIL_STATUS_LABELS = { PENDING: "送信待ち", SENT: "送信完了", FAILED: "送信失敗（保証会社へお問い合わせください）" } as const;

/**
 * The key page's after-conclusion actions, self-contained (it loads its own data): 「発注者へ送信」 — the 認証キー等の
 * お知らせ PDF by e-mail to a department of the guarantee's orderer, beside the orderer's own rule, with what was sent
 * when — and 「認証キーの再発行」. Renders nothing for a number that is not the company's electronic certificate.
 *
 * Usage (app/(enet)/enet/certificates/[contractNumber]/key/page.tsx):
 *   <KeyActionsAfterConclusion contractNumber={number} companyId={user.companyId} />
 */
export async function KeyActionsAfterConclusion({ contractNumber, companyId }: { contractNumber: string; companyId: string }) {
  const o = await getKeyNoticeSubmissionOptions({ companyId, contractNumber });
  if (!o) return null;
  return (
    <>
      <section aria-labelledby="send-to-orderer-heading" className="notice">
        <h2 id="send-to-orderer-heading" style={{ marginTop: 0 }}>
          発注者へ送信
        </h2>
        <p>「認証キー等のお知らせ（PDF）」を、{o.ordererName}の担当課の登録アドレスへ電子メールで送信します（保証会社の電子保証システムから、貴社に代わって送信します）。</p>
        {o.keySubmissionNote ? (
          <p>
            <strong>{o.ordererName}の提出方法：</strong>
            {o.keySubmissionNote}
          </p>
        ) : null}
        {o.sendBlockedReason ? (
          <p className="notice notice--warning">{o.sendBlockedReason}</p>
        ) : (
          <SendKeyNoticeForm
            action={sendKeyNoticeAction}
            contractNumber={o.contractNumber}
            departments={o.departments}
            defaultDepartmentId={o.defaultDepartmentId}
            requestToken={crypto.randomUUID()}
          />
        )}
        {o.submissions.length > 0 ? (
          <>
            <h3>送信の記録</h3>
            <ul aria-label="送信の記録">
              {o.submissions.map((s) => (
                <li key={s.id}>
                  <span className="badge badge--ok">送信済み</span> {formatDateTimeJst(s.createdAt)}　{s.departmentName}（{s.toAddress}）
                  <span className="field__hint">
                    {" "}
                    件名「{s.subject}」・{s.mailStatus ? MAIL_STATUS_LABELS[s.mailStatus] : "—"}
                    {s.mailSentAt ? `（${formatDateTimeJst(s.mailSentAt)}）` : ""}
                    {s.carriedCurrentKey ? "" : "・再発行前の認証キーです。新しいお知らせを改めて送信してください"}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {!o.cancelled ? (
        <section aria-labelledby="reissue-heading">
          <h2 id="reissue-heading">認証キーの再発行</h2>
          <p>
            認証キーが第三者に知られたおそれがある場合などに再発行します。再発行すると、これまでの認証キーでは D-Sure で閲覧できなくなります。発注者には自動では通知されません。新しい「認証キー等のお知らせ」を改めて提出してください。
          </p>
          {o.authKeyIssuedAt ? <p className="field__hint">現在の認証キーの発行日時：{formatDateTimeJst(o.authKeyIssuedAt)}</p> : null}
          <ChangeActionButton
            action={reissueAuthKeyByContractorAction}
            label="認証キーを再発行する"
            pendingLabel="再発行中…"
            tone="secondary"
            confirm="今の認証キーは直ちに使えなくなることを確認しました"
          >
            <input type="hidden" name="contractId" value={o.contractId} />
            <input type="hidden" name="contractNumber" value={o.contractNumber} />
          </ChangeActionButton>
        </section>
      ) : null}
    </>
  );
}
