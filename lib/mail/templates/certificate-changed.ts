import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "CERTIFICATE_CHANGED" }>["data"];

/** 変更後の電子証書登録のお知らせ — a change after conclusion issued a new version (版) of the certificate. */
export function renderCertificateChanged(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "変更後の電子証書登録のお知らせ",
    to: [`${data.companyName} 御中`],
    blocks: [
      { kind: "paragraph", text: "保証契約の変更に伴い、変更後の電子証書を登録しました。" },
      {
        kind: "fields",
        rows: [
          ["保証契約番号", data.contractNumber],
          ["工事名", data.workName],
          ["変更の内容", data.changeLabel],
          ["電子証書の版", `第${data.version}版`],
        ],
      },
      {
        kind: "paragraph",
        text:
          "「電子証書の確認はこちら」からログインし、該当する保証契約番号をクリックして変更後の内容をご確認ください。\n" +
          "発注者が D-Sure（発注者用保証確認サービス）で閲覧する電子証書も、変更後の版になります。" +
          "発注者から求められた場合は、「認証キー」から「認証キー等のお知らせ」（PDFファイル）をダウンロードして改めてご提出ください。",
      },
      { kind: "link", label: "電子証書の確認はこちら", url: serviceUrl(ctx, "/enet/certificates") },
      { kind: "paragraph", text: "認証キーは安全のため、このメールには記載していません。" },
    ],
  });
}
