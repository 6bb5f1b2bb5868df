import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "CERTIFICATE_REGISTERED" }>["data"];

/**
 * 電子証書・認証キー登録のお知らせ (flyer step 3), explaining steps 4–5: view the certificate, download the key
 * notice, submit it to the orderer. The 認証キー itself is only ever in that PDF, never in a mail.
 */
export function renderCertificateRegistered(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "電子証書・認証キー登録のお知らせ",
    to: [`${data.companyName} 御中`],
    blocks: [
      { kind: "paragraph", text: "保証契約の締結に伴い、次の保証の電子証書と認証キーを登録しました。" },
      {
        kind: "fields",
        rows: [
          ["保証契約番号", data.contractNumber],
          ["保証の種類", data.guaranteeTypeLabel],
          ["工事名", data.workName],
        ],
      },
      { kind: "paragraph", text: "次の手順で電子証書をご確認のうえ、「認証キー等のお知らせ」を発注者へご提出ください。" },
      {
        kind: "steps",
        items: [
          "下記「電子証書の確認はこちら」からログインします（お客様ID・パスワードは e-Net保証と共通です）。",
          "該当する保証契約番号をクリックし、電子証書の内容を確認します（この画面は印刷・保存できます）。",
          "「認証キー」をクリックし、次の画面から「認証キー等のお知らせ」（PDFファイル）をダウンロードします。",
          "ダウンロードした「認証キー等のお知らせ」を発注者へ提出します（提出方法は発注者にご確認ください）。",
        ],
      },
      { kind: "link", label: "電子証書の確認はこちら", url: serviceUrl(ctx, "/enet/certificates") },
      {
        kind: "important",
        text:
          "発注者へご提出いただくのは「認証キー等のお知らせ」（PDFファイル）です。手順2で印刷・保存した電子証書の画面を誤って提出しないようご注意ください。\n" +
          "認証キーは安全のため、このメールには記載していません。",
      },
      {
        kind: "paragraph",
        text: "発注者は、保証契約番号と認証キーを D-Sure（発注者用保証確認サービス）に入力して電子証書を閲覧します。",
      },
    ],
  });
}
