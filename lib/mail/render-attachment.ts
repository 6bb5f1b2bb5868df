import "server-only";
import { db } from "@/lib/db";
import { getAuthKeyNotice } from "@/lib/pdf/get-auth-key-notice";
import { AUTH_KEY_NOTICE_TITLE, renderAuthKeyNotice } from "@/lib/pdf/render-auth-key-notice";
import type { MailAttachmentRef } from "./types";

export interface RenderedAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

type RendererFor<K extends MailAttachmentRef["kind"]> = (ref: Extract<MailAttachmentRef, { kind: K }>) => Promise<RenderedAttachment>;

/** One renderer per attachment kind: loads the data (decrypting what it must) and draws the PDF, at send time. */
export type AttachmentRenderers = { [K in MailAttachmentRef["kind"]]?: RendererFor<K> };

/**
 * The loaders, by attachment kind. A kind whose loader is not written yet stays out of this table: a mail that
 * needs it fails its attempt and is retried (and, after maxAttempts, listed at /admin/mail for 再送), rather than
 * going out without its attachment.
 *
 * Still to come (beside their renderers in lib/pdf):
 *   FEE_STATEMENT    → a loader of FeeStatementData by statementId → renderFeeStatement
 *   REFUND_STATEMENT → a loader of RefundStatementData by statementId → renderRefundStatement
 */
export const attachmentRenderers: AttachmentRenderers = {
  // 認証キー等のお知らせ with the key in force when the mail is sent (a reissued key replaces the old one at once).
  AUTH_KEY_NOTICE: async ({ contractId }) => {
    const contract = await db.guaranteeContract.findUnique({ where: { id: contractId }, select: { contractNumber: true, companyId: true } });
    if (!contract) throw new Error(`保証契約 ${contractId} が見つかりません`);
    const { data } = await getAuthKeyNotice({ contractNumber: contract.contractNumber, companyId: contract.companyId });
    return {
      filename: `${AUTH_KEY_NOTICE_TITLE}_${data.contractNumber}.pdf`,
      content: await renderAuthKeyNotice(data),
      contentType: "application/pdf",
    };
  },
};

export class AttachmentUnavailableError extends Error {
  constructor(kind: string) {
    super(`添付ファイル ${kind} を作成する処理がまだありません`);
    this.name = "AttachmentUnavailableError";
  }
}

/** Renders one attachment of an outbox row; throws (so the attempt fails and is retried) when it cannot. */
export async function renderAttachment(ref: MailAttachmentRef, renderers: AttachmentRenderers = attachmentRenderers): Promise<RenderedAttachment> {
  const render = renderers[ref.kind] as ((r: MailAttachmentRef) => Promise<RenderedAttachment>) | undefined;
  if (!render) throw new AttachmentUnavailableError(ref.kind);
  return render(ref);
}
