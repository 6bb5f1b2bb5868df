import "server-only";
import type { MailAttachmentRef, MailInput, RenderedMail } from "../types";
import { mailContextFromEnv, type MailContext } from "./compose";
import { renderApplicationReceived } from "./application-received";
import { renderApplicationReturned } from "./application-returned";
import { renderCertificateChanged } from "./certificate-changed";
import { renderCertificateRegistered } from "./certificate-registered";
import { renderFeeStatementIssued } from "./fee-statement-issued";
import { renderIdRegistered } from "./id-registered";
import { renderKeyNoticeToOrderer } from "./key-notice-to-orderer";
import { renderPasswordReset } from "./password-reset";
import { renderStaffRegistered } from "./staff-registered";
import { renderRegistrationReceived } from "./registration-received";

export type { MailContext } from "./compose";

/** Subject, plain text and HTML of a mail, in Japanese, with links built from PUBLIC_BASE_URL. */
export function renderMail(
  mail: MailInput & { attachments?: readonly MailAttachmentRef[] },
  ctx: MailContext = mailContextFromEnv(),
): RenderedMail {
  switch (mail.template) {
    case "REGISTRATION_RECEIVED":
      return renderRegistrationReceived(mail.data, ctx);
    case "ID_REGISTERED":
      return renderIdRegistered(mail.data, ctx);
    case "PASSWORD_RESET":
      return renderPasswordReset(mail.data, ctx);
    case "STAFF_REGISTERED":
      return renderStaffRegistered(mail.data, ctx);
    case "APPLICATION_RECEIVED":
      return renderApplicationReceived(mail.data, ctx);
    case "APPLICATION_RETURNED":
      return renderApplicationReturned(mail.data, ctx);
    case "CERTIFICATE_REGISTERED":
      return renderCertificateRegistered(mail.data, ctx);
    case "CERTIFICATE_CHANGED":
      return renderCertificateChanged(mail.data, ctx);
    case "FEE_STATEMENT_ISSUED":
      return renderFeeStatementIssued(mail.data, ctx, mail.attachments);
    case "KEY_NOTICE_TO_ORDERER":
      return renderKeyNoticeToOrderer(mail.data, ctx);
    default: {
      const unknown: never = mail;
      throw new Error(`unknown mail template: ${(unknown as { template: string }).template}`);
    }
  }
}
