import "server-only";
import { AUTH_KEY_LENGTH } from "@/lib/auth-key/constants";
import {
  COLOR,
  centredTop,
  CONTENT_WIDTH,
  FONT,
  PAGE,
  drawDocumentHeader,
  drawLabelValueTable,
  drawLine,
  drawParagraph,
  drawSectionHeading,
  renderPdf,
  textHeight,
  textWidth,
  type Doc,
} from "./document";
import { drawQrCode } from "./qr";

export const AUTH_KEY_NOTICE_TITLE = "認証キー等のお知らせ";

/** The flyer's warning, word for word: the saved certificate screen is not what the orderer needs. */
export const SCREEN_PRINT_WARNING =
  "電子証書の画面を印刷・保存したものは提出書類になりません。本書（認証キー等のお知らせ）をご提出ください。";

/** Everything the notice shows, already formatted for print; the loader decrypts the key and formats dates. */
export type AuthKeyNoticeData = {
  /** 請負者の商号 (the addressee, printed with 御中). */
  companyName: string;
  /** 発行日 as printed, e.g. 令和6年12月1日. */
  issuedOn: string;
  /** The same moment as a Date, used as the PDF's CreationDate so the same data gives the same file. */
  issuedAt: Date;
  /** 保証契約番号, e.g. 2024-0001234-5. */
  contractNumber: string;
  /** 認証キー in groups of four, e.g. ABCD-EFGH-JKMN-PQRS. */
  authKey: string;
  /** 発注者, e.g. 鹿児島市. */
  ordererName: string;
  /** 担当課 the notice goes to. */
  departmentName: string;
  /** 工事名 (may hold JIS X 0213 kanji such as 𠮷). */
  workName: string;
  /** 保証の種類, e.g. 前払金保証. */
  guaranteeTypeLabel: string;
  /** 保証金額 as printed, e.g. 12,340,000円. */
  guaranteeAmount: string;
  /** 版 of the 電子証書 the key opens. */
  version: number;
  /** D-Sure's address, printed for orderers who type it. */
  dsureUrl: string;
  /** D-Sure with the contract number filled in, put in the QR code. Must not carry the key. */
  dsureQrUrl: string;
  /** How this orderer takes the notice, e.g. 本書を発注者（鹿児島市 各担当課）へ電子メールでご提出ください。 */
  submissionNote: string;
  /** 保証事業会社 issuing the notice. */
  suretyName: string;
  /** Optional contact line under the surety's name, e.g. 鹿児島支店 TEL 099-000-0000. */
  suretyContact?: string;
};

function compactAlphanumerics(text: string): string {
  return text.normalize("NFKC").replace(/[^0-9A-Za-z]/g, "").toUpperCase();
}

/**
 * What the QR code encodes: the D-Sure address with the contract number filled in. Refuses a URL that carries the
 * key in any spelling (hyphens, case, percent-encoding), so a caller's mistake cannot put the key in the code.
 */
export function authKeyNoticeQrPayload(data: Pick<AuthKeyNoticeData, "dsureQrUrl" | "authKey">): string {
  const key = compactAlphanumerics(data.authKey);
  let decoded = data.dsureQrUrl;
  try {
    decoded = decodeURIComponent(data.dsureQrUrl);
  } catch {
    // Malformed escapes: check the raw text, which is still what the code would hold.
  }
  if (key.length > 0 && compactAlphanumerics(decoded).includes(key)) {
    throw new Error("the QR code of the key notice must not contain the 認証キー");
  }
  return data.dsureQrUrl;
}

const KEY_CELL = { width: 19.5, height: 27, hyphen: 12, size: 16 } as const;

function keyWidth(key: string): number {
  return [...key].reduce((sum, char) => sum + (char === "-" ? KEY_CELL.hyphen : KEY_CELL.width), 0);
}

/**
 * Draws the key one character per ruled cell, four cells to a group, like a form filled in by hand, so no character
 * runs into its neighbour. Copying it out of the PDF may add spaces between characters, which D-Sure ignores.
 */
function drawKeyCells(doc: Doc, key: string, x: number, y: number): void {
  const textTop = centredTop(y, KEY_CELL.height, KEY_CELL.size);
  let cx = x;
  for (const char of key) {
    if (char === "-") {
      drawLine(doc, "-", cx, textTop, { font: FONT.bold, size: KEY_CELL.size, width: KEY_CELL.hyphen, align: "center" });
      cx += KEY_CELL.hyphen;
      continue;
    }
    doc.save().lineWidth(0.6).strokeColor(COLOR.line).rect(cx, y, KEY_CELL.width, KEY_CELL.height).stroke().restore();
    const glyphWidth = textWidth(doc, char, { font: FONT.bold, size: KEY_CELL.size });
    drawLine(doc, char, cx + (KEY_CELL.width - glyphWidth) / 2, textTop, { font: FONT.bold, size: KEY_CELL.size });
    cx += KEY_CELL.width;
  }
}

/** The framed box with the two things the orderer types: 保証契約番号 and 認証キー. */
function drawKeyBox(doc: Doc, data: AuthKeyNoticeData, x: number, y: number, width: number): number {
  const labelWidth = 120;
  const rowHeights = [36, 58];
  const valueX = x + labelWidth;
  const valueWidth = width - labelWidth;
  const height = rowHeights[0] + rowHeights[1];

  doc.save().rect(x, y, labelWidth, height).fill(COLOR.labelFill).restore();
  doc.save().lineWidth(0.5).strokeColor(COLOR.hairline);
  doc.moveTo(x, y + rowHeights[0]).lineTo(x + width, y + rowHeights[0]).stroke();
  doc.moveTo(valueX, y).lineTo(valueX, y + height).stroke();
  doc.restore();
  doc.save().lineWidth(1.6).strokeColor(COLOR.accent).rect(x, y, width, height).stroke().restore();

  const labelSize = 11;
  drawLine(doc, "保証契約番号", x, centredTop(y, rowHeights[0], labelSize), {
    font: FONT.bold,
    size: labelSize,
    width: labelWidth,
    align: "center",
  });
  const numberSize = 18;
  drawLine(doc, data.contractNumber, valueX, centredTop(y, rowHeights[0], numberSize), {
    font: FONT.bold,
    size: numberSize,
    width: valueWidth,
    align: "center",
  });

  const keyTop = y + rowHeights[0];
  drawLine(doc, "認証キー", x, centredTop(keyTop, rowHeights[1], labelSize), {
    font: FONT.bold,
    size: labelSize,
    width: labelWidth,
    align: "center",
  });
  drawKeyCells(doc, data.authKey, valueX + (valueWidth - keyWidth(data.authKey)) / 2, keyTop + 7);
  drawLine(doc, `英数字${AUTH_KEY_LENGTH}文字（入力時のハイフンは省略できます）`, valueX, keyTop + rowHeights[1] - 15, {
    size: 7.5,
    color: COLOR.muted,
    width: valueWidth,
    align: "center",
  });
  return y + height;
}

function drawWarning(doc: Doc, x: number, y: number, width: number): number {
  const pad = 9;
  const label = "ご注意";
  const labelWidth = 46;
  const textWidthAvailable = width - pad * 2 - labelWidth;
  // Regular weight in red: a bold run this long would embed a second copy of ~30 kanji.
  const bodyHeight = textHeight(doc, SCREEN_PRINT_WARNING, textWidthAvailable, { size: 10 }, 2);
  const height = bodyHeight + pad * 2;
  doc.save().rect(x, y, width, height).fillAndStroke(COLOR.warningFill, COLOR.warning).restore();
  doc
    .save()
    .roundedRect(x + pad, y + (height - 17) / 2, labelWidth - 8, 17, 2)
    .fill(COLOR.warning)
    .restore();
  drawLine(doc, label, x + pad, y + (height - 17) / 2 + 2.2, {
    font: FONT.bold,
    size: 8.5,
    color: "#ffffff",
    width: labelWidth - 8,
    align: "center",
  });
  drawParagraph(doc, SCREEN_PRINT_WARNING, x + pad + labelWidth, y + pad, textWidthAvailable, {
    size: 10,
    color: COLOR.warning,
    lineGap: 2,
  });
  return y + height;
}

/** 「認証キー等のお知らせ」: the one-page A4 PDF the contractor downloads and submits to the orderer. */
export async function renderAuthKeyNotice(data: AuthKeyNoticeData): Promise<Buffer> {
  const qrPayload = authKeyNoticeQrPayload(data);

  return renderPdf(
    {
      title: AUTH_KEY_NOTICE_TITLE,
      author: data.suretyName,
      subject: `保証契約番号 ${data.contractNumber}`,
      createdAt: data.issuedAt,
    },
    (doc) => {
      const left = PAGE.margin;
      const right = PAGE.width - PAGE.margin;
      let y = drawDocumentHeader(doc, {
        title: AUTH_KEY_NOTICE_TITLE,
        issuedOn: data.issuedOn,
        companyName: data.companyName,
        suretyName: data.suretyName,
        suretyContact: data.suretyContact,
      });

      y = drawParagraph(
        doc,
        "下記の保証契約について電子証書を登録しましたので、発注者が電子証書を確認するために必要な保証契約番号と認証キーをお知らせします。",
        left,
        y,
        CONTENT_WIDTH,
        { size: 10, lineGap: 2 },
      );
      y += 10;

      y = drawKeyBox(doc, data, left, y, CONTENT_WIDTH);
      y += 14;

      y = drawLabelValueTable(
        doc,
        [
          { label: "発注者", value: data.ordererName, second: { label: "担当課", value: data.departmentName } },
          { label: "工事名", value: data.workName },
          { label: "保証の種類", value: data.guaranteeTypeLabel, second: { label: "保証金額", value: data.guaranteeAmount } },
          { label: "電子証書の版", value: `第${data.version}版` },
        ],
        { x: left, y, width: CONTENT_WIDTH, labelWidth: 120, size: 10 },
      );
      y += 18;

      y = drawSectionHeading(doc, "本書の提出について", left, y);
      y = drawParagraph(doc, data.submissionNote, left + 8, y, CONTENT_WIDTH - 8, { size: 10, lineGap: 2 });
      y = drawParagraph(
        doc,
        "認証キーは電子証書を閲覧するための暗証番号です。提出先以外には知らせないでください。本書はe-Net保証からいつでも再度ダウンロードできます。",
        left + 8,
        y + 2,
        CONTENT_WIDTH - 8,
        { size: 8.5, color: COLOR.muted, lineGap: 1.5 },
      );
      y += 8;
      y = drawWarning(doc, left, y, CONTENT_WIDTH);
      y += 16;

      y = drawSectionHeading(doc, "発注者の方へ（電子証書の確認方法）", left, y);
      const qrSize = 88;
      const textColumn = CONTENT_WIDTH - 8 - qrSize - 16;
      const qrTop = y - 6;
      let ty = drawParagraph(
        doc,
        "D-Sure（発注者用保証確認サービス）にアクセスし、本書に記載の保証契約番号と認証キーを入力すると、電子証書をご覧いただけます。保証内容の変更後は最新の版と変更履歴が表示されます。",
        left + 8,
        y,
        textColumn,
        { size: 10, lineGap: 2 },
      );
      ty += 5;
      drawLine(doc, "D-Sure", left + 8, ty, { font: FONT.bold, size: 9.5 });
      ty = drawParagraph(doc, data.dsureUrl, left + 52, ty, textColumn - 44, { size: 9.5, color: COLOR.accent });
      ty += 3;
      drawParagraph(
        doc,
        "QRコードからは保証契約番号が入力済みの画面が開きます。認証キーはQRコードに含まれていませんので、本書を見て入力してください。",
        left + 8,
        ty,
        textColumn,
        { size: 8.5, color: COLOR.muted, lineGap: 1.5 },
      );
      drawQrCode(doc, qrPayload, right - qrSize, qrTop, qrSize);
    },
  );
}
