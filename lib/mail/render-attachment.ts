import "server-only";
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
 * Expected loaders (beside their renderers in lib/pdf):
 *   AUTH_KEY_NOTICE  → getAuthKeyNotice({ contractId }) → renderAuthKeyNotice
 *   FEE_STATEMENT    → getFeeStatement({ statementId }) → renderFeeStatement
 *   REFUND_STATEMENT → getRefundStatement({ statementId }) → renderRefundStatement
 */
export const attachmentRenderers: AttachmentRenderers = {};

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
