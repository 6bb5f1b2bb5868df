import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "APPLICATION_RECEIVED" }>["data"];

/** 保証申込受付のお知らせ — the contractor's guarantee application reached the surety. */
export function renderApplicationReceived(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "保証申込受付のお知らせ",
    to: [`${data.companyName} 御中`],
    blocks: [
      { kind: "paragraph", text: "e-Net保証から送信された保証申込を受け付けました。" },
      { kind: "fields", rows: [["工事名", data.workName]] },
      {
        kind: "paragraph",
        text:
          "当社で内容を審査いたします。審査の状況は、e-Net保証の「保存中・手続き中一覧」でご確認いただけます。\n" +
          "電子交付をご希望の場合は、保証契約の締結後に「電子証書・認証キー登録のお知らせ」メールをお送りします。",
      },
      { kind: "link", label: "e-Net保証", url: serviceUrl(ctx, "/enet") },
    ],
  });
}
