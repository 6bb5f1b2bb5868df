import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "REGISTRATION_RECEIVED" }>["data"];

/** ID登録申請受付のお知らせ — to the contact who sent an ID registration request from e-Net保証. */
export function renderRegistrationReceived(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "ID登録申請受付のお知らせ",
    to: [data.companyName, `${data.contactName} 様`],
    blocks: [
      { kind: "paragraph", text: "インターネット保証サービス「e-Net保証」のID登録申請を受け付けました。" },
      { kind: "fields", rows: [["商号又は名称", data.companyName], ["ご担当者", data.contactName]] },
      {
        kind: "paragraph",
        text:
          "当社で申請内容を確認し、登録が完了しましたら「ID登録のお知らせ」メールでお客様IDとパスワード設定のご案内をお送りします。\n" +
          "確認のため、当社からお電話等でご連絡する場合があります。",
      },
      { kind: "link", label: "e-Net保証", url: serviceUrl(ctx, "/enet") },
    ],
  });
}
