import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "KEY_NOTICE_TO_ORDERER" }>["data"];

/**
 * The cover mail of 認証キー等のお知らせ sent for the contractor to the orderer's department (flyer step 5). The
 * subject is the orderer's own rule (some fix the subject line); the key is only in the attached PDF.
 */
export function renderKeyNoticeToOrderer(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: data.subject,
    to: [data.ordererName, `${data.departmentName} ご担当者様`],
    blocks: [
      {
        kind: "paragraph",
        text:
          `${data.companyName} より、次の保証の「認証キー等のお知らせ」をお送りします。\n` +
          `このメールは、${data.companyName} の依頼により ${ctx.suretyName} の電子保証システムから送信しています。`,
      },
      {
        kind: "fields",
        rows: [
          ["保証契約番号", data.contractNumber],
          ["工事名", data.workName],
          ["請負者", data.companyName],
        ],
      },
      {
        kind: "paragraph",
        text:
          "電子保証では、書面の保証証書に代わる電子証書を、発注者の皆さまが D-Sure（発注者用保証確認サービス）で閲覧できます。" +
          "ご利用にあたってのアカウント登録は不要です。\n" +
          "添付の「認証キー等のお知らせ」（PDFファイル）に記載された保証契約番号と認証キーを D-Sure に入力すると、最新の電子証書と変更の履歴をご確認いただけます。",
      },
      { kind: "link", label: "D-Sure（発注者用保証確認サービス）", url: serviceUrl(ctx, "/dsure") },
      {
        kind: "important",
        text: "認証キーは添付のPDFファイルにのみ記載しています。お心当たりのない場合は、お手数ですが当社までご連絡ください。",
      },
    ],
  });
}
