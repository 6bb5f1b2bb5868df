import "server-only";
import type { MailInput, RenderedMail } from "../types";
import { assertServiceUrl, composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "STAFF_REGISTERED" }>["data"];

/** 職員ID登録のお知らせ — to a new staff member once a second システム管理者 has approved the account: the link to set a password. */
export function renderStaffRegistered(data: Data, ctx: MailContext): RenderedMail {
  return composeMail(ctx, {
    subject: "職員ID登録のお知らせ",
    to: [`${data.name} 様`],
    blocks: [
      { kind: "paragraph", text: "保証会社 業務システムの職員IDを登録しました。" },
      { kind: "fields", rows: [["職員ID", data.staffId], ["氏名", data.name], ["権限", data.roleLabel]] },
      { kind: "paragraph", text: "下記のリンクからパスワードを設定してください。" },
      { kind: "link", label: "パスワードを設定する", url: assertServiceUrl(ctx, data.setupUrl) },
      {
        kind: "important",
        text:
          "このリンクは一度だけ使用でき、このメールの送信から24時間で無効になります。他の方に転送しないでください。\n" +
          "承認者・システム管理者は、最初のログインで二段階認証（認証アプリ）を設定します。",
      },
      { kind: "link", label: "業務システム ログイン", url: serviceUrl(ctx, "/admin/login") },
    ],
  });
}
