import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { SecondFactorEnrolForm } from "@/components/form/second-factor-enrol-form";
import { currentStaff } from "@/lib/auth/session";
import { startTotpEnrolment } from "@/lib/second-factor/start-totp-enrolment";
import { confirmSecondFactorAction } from "./actions";

export const metadata: Metadata = { title: "二段階認証の設定（保証会社 業務システム）" };

/**
 * 二段階認証の設定 (TOTP): a QR code for the authenticator app, the same secret as text, and a code to confirm it.
 * Required of 承認者 and システム管理者 (they can do nothing else until it is set), offered to 審査担当.
 */
export default async function SecondFactorPage() {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/login");
  const enrolment = await startTotpEnrolment({ staffUserId: staff.userId });
  if (enrolment.enrolled) {
    return (
      <>
        <h1>二段階認証の設定</h1>
        <p className="notice notice--success" role="status">
          二段階認証は設定済みです。ログインのたびに、認証アプリの確認コード（またはリカバリーコード）を入力します。
        </p>
        <p>スマートフォンの機種変更などで設定し直す場合は、システム管理者にご連絡ください。</p>
      </>
    );
  }
  const qr = await QRCode.toDataURL(enrolment.uri, { errorCorrectionLevel: "M", margin: 4, scale: 5 });
  const qrPixels = (QRCode.create(enrolment.uri, { errorCorrectionLevel: "M" }).modules.size + 8) * 5;
  const grouped = enrolment.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <>
      <h1>二段階認証の設定</h1>
      {staff.needsSecondFactor ? (
        <p className="notice notice--error" role="alert">
          承認者・システム管理者は、二段階認証を設定するまで業務を行えません。次の手順で設定してください。
        </p>
      ) : (
        <p>二段階認証を設定すると、ログインにパスワードと認証アプリの確認コードの両方が必要になります。</p>
      )}
      <ol>
        <li>スマートフォンに認証アプリ（Google Authenticator、Microsoft Authenticator など）を用意します。</li>
        <li>
          アプリで次のQRコードを読み取ります。読み取れない場合は、キーを手入力してください。
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, not an asset to optimise */}
          <img src={qr} alt="認証アプリに登録するQRコード" width={qrPixels} height={qrPixels} className="totp-qr" />
          <dl className="kv">
            <dt>キー（手入力用）</dt>
            <dd>
              <code>{grouped}</code>
            </dd>
            <dt>アカウント</dt>
            <dd>{staff.loginId}</dd>
          </dl>
        </li>
        <li>アプリに表示された6桁の確認コードを入力して「設定する」を押します。</li>
      </ol>
      <SecondFactorEnrolForm action={confirmSecondFactorAction} />
    </>
  );
}
