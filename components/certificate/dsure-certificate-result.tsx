import type { CertificateView } from "@/lib/certificate/to-certificate-view";
import { formatDateTimeJst } from "@/lib/dates";
import { CertificateDocument } from "./certificate-document";

/** What the orderer sees after a successful look-up on D-Sure (rendered on the server, returned by the action). */
export function DsureCertificateResult({ view, checkedAt }: { view: CertificateView; checkedAt: Date }) {
  const when = formatDateTimeJst(checkedAt);
  return (
    <section aria-labelledby="dsure-result-heading">
      <h2 id="dsure-result-heading" className="no-print">
        照会結果
      </h2>
      {view.issuer ? (
        <p>
          発行者（D-Sure に登録された保証事業会社）：<strong data-issuer={view.issuer.code}>{view.issuer.name}</strong>
        </p>
      ) : null}
      <p className="no-print">
        照会日時 {when}（日本時間）。印刷する場合は、ブラウザの印刷機能をお使いください（照会欄とメニューは印刷されません）。
      </p>
      <CertificateDocument
        view={view}
        printNote={
          <p>
            D-Sure（発注者用保証確認サービス）による照会結果　照会日時 {when}
          </p>
        }
      />
    </section>
  );
}
