import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireContractorPage } from "@/lib/auth/session";
import { getContractorCertificate } from "@/lib/certificate/get-contractor-certificate";
import { formatDateTimeJst } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { KeyActionsAfterConclusion } from "@/components/certificate/key-actions/key-actions-after-conclusion";

export const metadata: Metadata = { title: "認証キー" };

export default async function AuthKeyPage({ params }: { params: Promise<{ contractNumber: string }> }) {
  const user = await requireContractorPage();
  const { contractNumber } = await params;
  const cert = await getContractorCertificate({ companyId: user.companyId, contractNumber });
  if (!cert) notFound();
  const number = cert.view.contractNumber;

  return (
    <>
      <p>
        <Link href={`/enet/certificates/${number}`}>← 電子証書へ戻る</Link>
      </p>
      <h1>認証キー</h1>
      <dl className="kv">
        <dt>保証契約番号</dt>
        <dd>{number}</dd>
        <dt>保証の種類</dt>
        <dd>{GUARANTEE_TYPE_LABELS[cert.view.guaranteeType]}</dd>
        <dt>発注者</dt>
        <dd>
          {cert.ordererName}　{cert.departmentName}
        </dd>
        <dt>認証キーの発行日時</dt>
        <dd>{cert.authKeyIssuedAt ? formatDateTimeJst(cert.authKeyIssuedAt) : "—"}</dd>
      </dl>

      <div className="notice notice--warning" role="note">
        <p style={{ margin: 0 }}>
          <strong>【重要】</strong>
          発注者へは、次の「認証キー等のお知らせ（PDF）」をご提出ください。電子証書の画面を印刷・保存したものを誤って提出しないようご注意ください。
        </p>
      </div>
      {cert.keySubmissionNote ? null : <p>提出方法は、あらかじめ発注者にご確認ください。</p>}

      {cert.authKeyIssuedAt ? (
        <p className="btn-row">
          {/* A plain link, not <Link>: the handler answers with a file, and nothing should prefetch it. */}
          <a className="btn" href={`/api/enet/certificates/${number}/auth-key-notice`} download>
            認証キー等のお知らせ（PDF）をダウンロード
          </a>
        </p>
      ) : (
        <p className="notice notice--error">現在有効な認証キーがありません。保証会社へお問い合わせください。</p>
      )}
      <p className="field__hint">認証キーは電子証書を閲覧するための暗証番号です。提出先の発注者以外には知らせないでください。PDFは何度でもダウンロードできます。</p>
      {/* 発注者へ送信 (with the orderer's own submission rule beside it) and 認証キーの再発行 */}
      <KeyActionsAfterConclusion contractNumber={number} companyId={user.companyId} />
    </>
  );
}
