import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { assertServiceUrl, composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "ID_REGISTERED" }>["data"];

/**
 * ID登録のお知らせ — the お客様ID and the single-use password-setting link. The only mail that carries a token
 * (inside `setupUrl`, put in when the mail is sent); it never carries a password.
 */
export function renderIdRegistered(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "ID登録のお知らせ",
    to: [data.companyName, `${data.userName} 様`],
    blocks: [
      { kind: "paragraph", text: "インターネット保証サービス「e-Net保証」のID登録が完了しました。お客様IDは次のとおりです。" },
      { kind: "fields", rows: [["お客様ID", data.customerId], ["商号又は名称", data.companyName], ["ご担当者", data.userName]] },
      {
        kind: "paragraph",
        text: "下記のリンクからパスワードを設定してください。パスワードを設定すると、e-Net保証にログインできます。",
      },
      { kind: "link", label: "パスワードを設定する", url: assertServiceUrl(ctx, data.setupUrl) },
      {
        kind: "important",
        text:
          "このリンクは一度だけ使用でき、このメールの送信から24時間で無効になります。他の方に転送しないでください。\n" +
          "有効期限が切れた場合は、ログイン画面の「パスワードをお忘れの方」から、設定用のリンクをもう一度お送りできます。",
      },
      {
        kind: "paragraph",
        text: "電子証書の確認（「電子証書の確認はこちら」）にも、同じお客様ID・パスワードでログインします。",
      },
      { kind: "link", label: "e-Net保証 ログイン", url: serviceUrl(ctx, "/enet/login") },
    ],
  });
}
