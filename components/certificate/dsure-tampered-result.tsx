import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import { formatDateTimeJst } from "@/lib/dates";
import styles from "./certificate.module.css";

/**
 * D-Sure's answer when the certificate's chain fails its check: the status in large type and why, never the
 * certificate (nothing of it can be trusted). Rendered on the server, returned by the action.
 */
export function DsureTamperedResult({
  contractNumber,
  reasonLabel,
  note,
  checkedAt,
}: {
  contractNumber: string;
  reasonLabel: string;
  note: string;
  checkedAt: Date;
}) {
  return (
    <section aria-labelledby="dsure-result-heading">
      <h2 id="dsure-result-heading">照会結果</h2>
      <p>
        保証契約番号 {contractNumber}　照会日時 {formatDateTimeJst(checkedAt)}（日本時間）
      </p>
      <section className={`${styles.status} ${styles.tampered}`} aria-label="電子証書の状態" data-status="TAMPERED">
        <span className={styles.statusLabel}>状態</span>
        <strong className={styles.statusValue}>{DISPLAY_STATUS_LABELS.TAMPERED}</strong>
        <p className={styles.statusNote}>{note}</p>
        <p className={styles.statusNote}>検証結果：{reasonLabel}</p>
      </section>
    </section>
  );
}
