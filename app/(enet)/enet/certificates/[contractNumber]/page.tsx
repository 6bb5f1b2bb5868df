import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireContractorPage } from "@/lib/auth/session";
import { getContractorCertificate } from "@/lib/certificate/get-contractor-certificate";
import { formatDateTimeJst } from "@/lib/dates";
import { CertificateDocument } from "@/components/certificate/certificate-document";
import { PrintButton } from "@/components/certificate/print-button";
import { RegistrationStatus } from "@/components/certificate/registration-status";
import { CERTIFICATE_SCREEN_WARNING, ScreenPrintWarning } from "@/components/certificate/screen-print-warning";

export const metadata: Metadata = { title: "電子証書" };

export default async function CertificatePage({ params }: { params: Promise<{ contractNumber: string }> }) {
  const user = await requireContractorPage();
  const { contractNumber } = await params;
  const cert = await getContractorCertificate({ companyId: user.companyId, contractNumber });
  if (!cert) notFound();
  const { view, receipt, registration } = cert;

  return (
    <>
      <p className="no-print">
        <Link href="/enet/certificates">← 電子証書の一覧へ戻る</Link>
      </p>
      <h1 className="no-print">電子証書の確認</h1>
      <ScreenPrintWarning />
      <div className="btn-row no-print">
        <Link href={`/enet/certificates/${view.contractNumber}/key`} className="btn">
          認証キー
        </Link>
        <PrintButton>この画面を印刷する（控え）</PrintButton>
      </div>

      <section aria-labelledby="receipt-heading" className="notice">
        <h2 id="receipt-heading" style={{ marginTop: 0 }}>
          発注者の閲覧
        </h2>
        <p>
          登録状況: <RegistrationStatus state={registration} audience="contractor" />
        </p>
        {receipt === "UNKNOWN" ? (
          <p style={{ margin: 0 }}>D-Sure に接続できないため、閲覧の状況を表示できません。しばらくしてから再度お試しください</p>
        ) : receipt ? (
          <dl className="kv">
            <dt>初回閲覧</dt>
            <dd>{formatDateTimeJst(receipt.firstViewedAt)}</dd>
            <dt>最終閲覧</dt>
            <dd>{formatDateTimeJst(receipt.lastViewedAt)}</dd>
          </dl>
        ) : (
          <p style={{ margin: 0 }}>まだ閲覧されていません</p>
        )}
        <p className="field__hint">発注者がD-Sure（発注者用保証確認サービス）でこの電子証書を表示した日時です（日本時間）。</p>
      </section>

      <CertificateDocument
        view={view}
        printNote={
          <p>
            <strong>請負者控え（発注者への提出書類ではありません）</strong>　{CERTIFICATE_SCREEN_WARNING}
          </p>
        }
      />
    </>
  );
}
