import "server-only";
import type { MailInput, RenderedMail } from "../types";

// Placeholder renderer — replaced by one function per template (see the mail issue).
export function renderMail(mail: MailInput): RenderedMail {
  const subjects: Record<MailInput["template"], string> = {
    REGISTRATION_RECEIVED: "ID登録申請受付のお知らせ",
    ID_REGISTERED: "ID登録のお知らせ",
    APPLICATION_RECEIVED: "保証申込受付のお知らせ",
    APPLICATION_RETURNED: "差戻しのお知らせ",
    CERTIFICATE_REGISTERED: "電子証書・認証キー登録のお知らせ",
    CERTIFICATE_CHANGED: "変更後の電子証書登録のお知らせ",
    FEE_STATEMENT_ISSUED: "保証料計算書発行のお知らせ",
    KEY_NOTICE_TO_ORDERER: "認証キー等のお知らせ",
  };
  const subject = mail.template === "KEY_NOTICE_TO_ORDERER" ? mail.data.subject : subjects[mail.template];
  const text = `${subject}\n\n${JSON.stringify(mail.data, null, 2)}`;
  return { subject, text, html: `<pre>${text.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>` };
}
