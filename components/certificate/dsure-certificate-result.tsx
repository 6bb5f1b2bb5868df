import type { CertificateView } from "@/lib/certificate/to-certificate-view";
import { formatDateTimeJst } from "@/lib/dates";
import { CertificateDocument } from "./certificate-document";

/** What the orderer sees after a successful look-up on D-Sure (rendered on the server, returned by the action). */
export function DsureCertificateResult({
  view,
  checkedAt,
  verificationFile,
}: {
  view: CertificateView;
  checkedAt: Date;
  /** The verification file of what is shown (JSON text): offered as a download, with and without JavaScript. */
  verificationFile?: string;
}) {
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
      {verificationFile ? (
        <p className="no-print">
          <a
            className="btn btn--secondary"
            href={`data:application/json;base64,${Buffer.from(verificationFile, "utf8").toString("base64")}`}
            download={`D-Sure検証用ファイル_${view.contractNumber}.json`}
          >
            検証用ファイルをダウンロード
          </a>{" "}
          照会した内容（記録の連鎖・署名・発行者・D-Sure の受領証）を保存できます。認証キーは含まれません。
          内容は<a href="/dsure/verify">検証用ファイルの確認</a>のページで、いつでも確かめられます。
        </p>
      ) : null}
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
