import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { assertServiceUrl, composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "PASSWORD_RESET" }>["data"];

/** パスワード再設定のお知らせ — the single-use link asked for at 「パスワードをお忘れの方」 (valid one hour). */
export function renderPasswordReset(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "パスワード再設定のお知らせ",
    to: [data.companyName, `${data.userName} 様`],
    blocks: [
      { kind: "paragraph", text: "e-Net保証のパスワード再設定のお申し出を受け付けました。" },
      { kind: "fields", rows: [["お客様ID", data.customerId]] },
      { kind: "paragraph", text: "下記のリンクから新しいパスワードを設定してください。" },
      { kind: "link", label: "パスワードを設定する", url: assertServiceUrl(ctx, data.resetUrl) },
      {
        kind: "important",
        text:
          "このリンクは一度だけ使用でき、このメールの送信から1時間で無効になります。他の方に転送しないでください。\n" +
          "お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。",
      },
      { kind: "link", label: "e-Net保証 ログイン", url: serviceUrl(ctx, "/enet/login") },
    ],
  });
}
