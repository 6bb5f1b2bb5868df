import type { Metadata } from "next";
import Link from "next/link";
import { requireContractorPage } from "@/lib/auth/session";
import { listContractorCertificates } from "@/lib/certificate/list-contractor-certificates";
import { DISPLAY_STATUS_LABELS } from "@/lib/certificate/certificate-status";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatWarekiWithSeireki } from "@/lib/dates";
import { formatYen } from "@/lib/money";
import { ScreenPrintWarning } from "@/components/certificate/screen-print-warning";
import { RegistrationStatus } from "@/components/certificate/registration-status";
import styles from "@/components/certificate/certificate.module.css";

export const metadata: Metadata = { title: "電子証書の確認" };

const STATUS_BADGE = { VALID: "badge--ok", CANCELLED: "badge--warn", EXPIRED: "badge--warn" } as const;

export default async function CertificatesPage() {
  const user = await requireContractorPage();
  const items = await listContractorCertificates({ companyId: user.companyId });
  return (
    <>
      <h1>電子証書の確認</h1>
      <p>保証契約を締結した電子証書の一覧です。保証契約番号をクリックすると電子証書を表示します。認証キー等のお知らせ（PDF）は電子証書の画面からダウンロードできます。</p>
      <ScreenPrintWarning />
      {items.length === 0 ? (
        <p className="notice">電子交付の保証契約はまだありません。保証申込で保証証書の受取方法に「電子交付を希望する」を選ぶと、締結後にここに表示されます。</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">電子証書の一覧</caption>
          <thead>
            <tr>
              <th scope="col">保証契約番号</th>
              <th scope="col">保証の種類</th>
              <th scope="col">発注者</th>
              <th scope="col">工事名</th>
              <th scope="col" className="num">
                保証金額
              </th>
              <th scope="col">保証期間</th>
              <th scope="col">版</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.contractNumber}>
                <td className={styles.nowrap}>
                  <Link href={`/enet/certificates/${c.contractNumber}`}>{c.contractNumber}</Link>
                </td>
                <td className={styles.nowrap}>{GUARANTEE_TYPE_LABELS[c.guaranteeType]}</td>
                <td>
                  {c.ordererName}
                  <br />
                  <small>{c.departmentName}</small>
                </td>
                <td>{c.workName}</td>
                <td className={`num ${styles.nowrap}`}>{formatYen(c.guaranteeAmount)}</td>
                <td>
                  {formatWarekiWithSeireki(c.periodFrom)}
                  <br />〜 {formatWarekiWithSeireki(c.periodTo)}
                </td>
                <td className={styles.nowrap}>第{c.currentVersion}版</td>
                <td className={styles.nowrap}>
                  <span className={`badge ${STATUS_BADGE[c.status]}`}>{DISPLAY_STATUS_LABELS[c.status]}</span>
                  {c.registration.status === "REGISTERED" ? null : (
                    <>
                      <br />
                      <RegistrationStatus state={c.registration} audience="contractor" />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
