import "server-only";
import type { MailAttachmentRef, MailInput, RenderedMail } from "../types";
import { composeMail, serviceUrl, type MailContext } from "./compose";

type Data = Extract<MailInput, { template: "FEE_STATEMENT_ISSUED" }>["data"];

/** `2024-12` → `2024年12月`; anything else is shown as given. */
function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/**
 * 保証料計算書発行のお知らせ — for 保証料一括納付 customers, the month's 保証料計算書 (or a 保証料返還計算書
 * after a 減額). Mentions the PDF only when the mail carries it.
 */
export function renderFeeStatementIssued(data: Data, ctx: MailContext, attachments: readonly MailAttachmentRef[] = []): RenderedMail {
  const refund = data.statementKind === "REFUND";
  const document = refund ? "保証料返還計算書" : "保証料計算書";
  const attached = attachments.some((a) => a.kind === (refund ? "REFUND_STATEMENT" : "FEE_STATEMENT"));
  return composeMail(ctx, {
    subject: "保証料計算書発行のお知らせ",
    to: [`${data.companyName} 御中`],
    blocks: [
      { kind: "paragraph", text: `保証料一括納付制度のご利用に伴い、${document}を発行しました。` },
      { kind: "fields", rows: [["書類", document], ["対象月", monthLabel(data.month)]] },
      {
        kind: "paragraph",
        text: attached
          ? `${document}（PDFファイル）をこのメールに添付しています。内容をご確認ください。`
          : `${document}（PDFファイル）は e-Net保証でご確認・ダウンロードいただけます。`,
      },
      { kind: "link", label: "保証料計算書の確認", url: serviceUrl(ctx, "/enet/fee-statements") },
    ],
  });
}
