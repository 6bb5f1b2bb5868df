import { certificateRows } from "@/lib/certificate/read-certificate-content";
import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import type { CertificateView } from "@/lib/certificate/to-certificate-view";
import { formatDateTimeJst, formatWarekiWithSeireki } from "@/lib/dates";
import styles from "./certificate.module.css";

const STATUS_NOTES: Record<CertificateView["displayStatus"], (v: CertificateView) => string> = {
  VALID: () => "この保証は有効です。",
  CANCELLED: (v) =>
    `この保証契約は解約されています${v.cancelDate ? `（解約日 ${formatWarekiWithSeireki(v.cancelDate)}）` : ""}。保証は効力を有しません。`,
  EXPIRED: (v) => `保証期間は ${formatWarekiWithSeireki(v.periodTo)} に満了しています。`,
  TAMPERED: () =>
    "この電子証書は、保証会社が電子署名した内容と一致しません。表示内容を有効な保証として取り扱わず、保証会社へお問い合わせください。",
};

const STATUS_CLASS: Record<CertificateView["displayStatus"], string> = {
  VALID: styles.valid,
  CANCELLED: styles.ended,
  EXPIRED: styles.ended,
  TAMPERED: styles.tampered,
};

/** The status in large type: 有効 / 解約 / 保証期間満了, or 改ざんの疑いがあります when the signature fails. */
export function CertificateStatusBanner({ view }: { view: CertificateView }) {
  return (
    <section className={`${styles.status} ${STATUS_CLASS[view.displayStatus]}`} aria-label="電子証書の状態" data-status={view.displayStatus}>
      <span className={styles.statusLabel}>状態</span>
      <strong className={styles.statusValue}>{DISPLAY_STATUS_LABELS[view.displayStatus]}</strong>
      <p className={styles.statusNote}>{STATUS_NOTES[view.displayStatus](view)}</p>
    </section>
  );
}

function SignatureResult({ view }: { view: CertificateView }) {
  const v = view.current;
  return (
    <section className={`${styles.signature} ${view.integrityOk ? "" : styles.signatureBad}`} aria-label="電子署名の検証結果">
      {view.integrityOk ? (
        <p>
          <strong>電子署名：検証済み</strong>　保証会社の電子署名を確認しました。表示している内容は登録時から改ざんされていません。
        </p>
      ) : (
        <p role="alert">
          <strong>電子署名：改ざんの疑いがあります</strong>　
          {v.integrity.ok ? "過去の版の内容が電子署名と一致しません。" : "この版の内容が電子署名と一致しません。"}
        </p>
      )}
      <p className={styles.mono}>
        署名方式 {v.signature.algorithm}　鍵ID {v.signature.keyId}
      </p>
    </section>
  );
}

function VersionHistory({ view }: { view: CertificateView }) {
  return (
    <section className={styles.history} aria-labelledby="certificate-history">
      <h3 id="certificate-history">変更履歴</h3>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">版</th>
            <th scope="col">登録日</th>
            <th scope="col">変更内容</th>
            <th scope="col">電子署名</th>
          </tr>
        </thead>
        <tbody>
          {[...view.versions].reverse().map((v) => (
            <tr key={v.version} aria-current={v.version === view.current.version ? "true" : undefined}>
              <td>
                第{v.version}版{v.version === view.current.version ? "（現在の版）" : ""}
              </td>
              <td>
                {formatWarekiWithSeireki(new Date(v.issuedAt))}
                <br />
                <small>{formatDateTimeJst(new Date(v.issuedAt)).split(" ")[1]}</small>
              </td>
              <td>{v.changeSummary ?? (v.version === 1 ? "新規登録" : "—")}</td>
              <td>{v.integrity.ok ? "検証済み" : <strong className="badge badge--error">改ざんの疑い</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The 電子証書 (DOMAIN.md §6): status in large type, every recorded item of the current 版, the signature check and
 * the history of 版. A server component with no client code; D-Sure and e-Net保証 render the same thing.
 */
export function CertificateDocument({ view, printNote }: { view: CertificateView; printNote?: React.ReactNode }) {
  const rows = certificateRows(view.current.content);
  return (
    <article className={styles.certificate} aria-labelledby="certificate-title" data-contract-number={view.contractNumber}>
      {printNote ? <div className={styles.printOnly}>{printNote}</div> : null}
      <header className={styles.head}>
        <h2 id="certificate-title" className={styles.title}>
          電子証書
        </h2>
        <span className={styles.edition}>
          保証契約番号 {view.contractNumber}　第{view.current.version}版
        </span>
      </header>
      <CertificateStatusBanner view={view} />
      <dl className={`kv ${styles.fields}`}>
        {rows
          .filter((r) => r.key !== "version")
          .map((r) => (
            <div key={r.key} className={styles.row}>
              <dt>{r.label}</dt>
              <dd className={r.emphasis ? styles.emphasis : undefined} data-field={r.key}>
                {r.value}
              </dd>
            </div>
          ))}
      </dl>
      <SignatureResult view={view} />
      <VersionHistory view={view} />
    </article>
  );
}
