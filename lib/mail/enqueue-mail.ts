import "server-only";
import type { Db, Tx } from "@/lib/db";
import { renderMail } from "./templates";
import type { MailAttachmentRef, MailInput } from "./types";

/**
 * Writes a mail to the outbox inside the caller's transaction, so a rolled-back change sends nothing. The
 * dispatcher delivers it later over SMTP — for a mail that announces a registration at D-Sure, only once D-Sure
 * has accepted it (`awaitsRegistrationId`: held until the registration dispatcher releases it). A mail with a
 * password link (`linkTokenId`) is stored with a placeholder; its token is made when it is sent.
 */
export async function enqueueMail(
  tx: Tx | Db,
  mail: MailInput & { to: string; attachments?: MailAttachmentRef[]; awaitsRegistrationId?: string | null; linkTokenId?: string },
): Promise<{ id: string }> {
  const rendered = renderMail(mail);
  const row = await tx.mailOutbox.create({
    data: {
      template: mail.template,
      toAddress: mail.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: mail.attachments?.length ? (mail.attachments as object[]) : undefined,
      awaitsRegistrationId: mail.awaitsRegistrationId ?? null,
      linkTokenId: mail.linkTokenId ?? null,
    },
    select: { id: true },
  });
  return row;
}
