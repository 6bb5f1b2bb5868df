import "server-only";
import PDFDocument from "pdfkit";
import { getPdfFonts } from "./fonts";

/** Names under which every document registers the Japanese fonts. */
export const FONT = { regular: "jp", bold: "jp-bold" } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

/** A4 portrait in points. */
export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.margin * 2;
/** Lowest y that body content may reach; the footer lives below it. */
export const CONTENT_BOTTOM = PAGE.height - PAGE.margin - 18;

export const COLOR = {
  text: "#1a1a1a",
  muted: "#4d4d4d",
  line: "#333333",
  hairline: "#9a9a9a",
  labelFill: "#eceff3",
  accent: "#1f3a5f",
  warning: "#a3001b",
  warningFill: "#fff3f3",
} as const;

export type PdfMetadata = {
  title: string;
  /** The surety company: documents are issued in its name. */
  author: string;
  subject?: string;
  /** CreationDate and ModDate; taken from the data so the same data gives the same bytes. */
  createdAt: Date;
};

export type Doc = PDFKit.PDFDocument;

/** Noto Sans JP's line box (ascent + descent) as a multiple of the font size. */
export const LINE_HEIGHT = 1.448;

/** The y at which one line of `size` sits vertically centred in a band from `top` of `height`. */
export function centredTop(top: number, height: number, size: number): number {
  return top + (height - size * LINE_HEIGHT) / 2;
}

/**
 * Creates an A4 document with the Japanese fonts registered, lets `draw` fill it, and resolves with the bytes.
 * Pages are buffered so that `draw` can stamp footers ("1 / 3") once it knows the page count.
 */
export function renderPdf(meta: PdfMetadata, draw: (doc: Doc) => void): Promise<Buffer> {
  const fonts = getPdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    bufferPages: true,
    lang: "ja-JP",
    displayTitle: true,
    // No default Helvetica: nothing here is Latin-only, and skipping it saves loading the AFM metrics per document.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: "電子保証",
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  });
  // pdfkit accepts a parsed fontkit font (it checks for `layout`); its types only list file sources.
  doc.registerFont(FONT.regular, fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont(FONT.bold, fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font(FONT.regular).fillColor(COLOR.text).strokeColor(COLOR.line);

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

export type TextStyle = {
  font?: FontName;
  size?: number;
  color?: string;
};

function applyStyle(doc: Doc, style: TextStyle): void {
  doc
    .font(style.font ?? FONT.regular)
    .fontSize(style.size ?? 10)
    .fillColor(style.color ?? COLOR.text);
}

/** Width of `text` set in `style`. */
export function textWidth(doc: Doc, text: string, style: TextStyle = {}): number {
  applyStyle(doc, style);
  return doc.widthOfString(text);
}

/** Height of `text` wrapped at `width`. */
export function textHeight(doc: Doc, text: string, width: number, style: TextStyle = {}, lineGap = 1): number {
  applyStyle(doc, style);
  return doc.heightOfString(text, { width, lineGap });
}

/**
 * One line at (x, y) = top-left, never wrapped. With `width`, `align` positions it inside that width, and text that
 * would not fit is set smaller (pdfkit would otherwise wrap it) — an unusually large amount still fits its cell.
 */
export function drawLine(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  style: TextStyle & { width?: number; align?: "left" | "center" | "right" } = {},
): void {
  applyStyle(doc, style);
  let top = y;
  if (style.width !== undefined) {
    const natural = doc.widthOfString(text);
    if (natural > style.width) {
      const size = style.size ?? 10;
      const fitted = Math.max(4, (size * style.width) / natural - 0.01);
      doc.fontSize(fitted);
      // Keep the smaller text on the same middle line as the full-size text around it.
      top += ((size - fitted) * LINE_HEIGHT) / 2;
    }
  }
  doc.text(text, x, top, { lineBreak: false, width: style.width, align: style.align ?? "left" });
}

/** Wrapped text inside `width`; returns the y below it. */
export function drawParagraph(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle & { lineGap?: number; align?: "left" | "center" | "right" | "justify" } = {},
): number {
  applyStyle(doc, style);
  const lineGap = style.lineGap ?? 1;
  doc.text(text, x, y, { width, lineGap, align: style.align ?? "left" });
  return y + doc.heightOfString(text, { width, lineGap });
}

/**
 * The largest size from `max` down to `min` at which `text` fits on one line of `width`; long company names
 * shrink a little instead of wrapping under a heading.
 */
export function fitFontSize(doc: Doc, text: string, width: number, style: TextStyle & { max: number; min: number }): number {
  for (let size = style.max; size > style.min; size -= 0.5) {
    if (textWidth(doc, text, { ...style, size }) <= width) return size;
  }
  return style.min;
}

/** A short bar and a bold heading; returns the y below it. */
export function drawSectionHeading(doc: Doc, text: string, x: number, y: number, size = 10.5): number {
  doc.save().rect(x, y + 2, 3, size + 2).fill(COLOR.accent).restore();
  drawLine(doc, text, x + 8, y, { font: FONT.bold, size });
  return y + size * LINE_HEIGHT + 4;
}

export type LabelValue = {
  label: string;
  value: string;
  /** Overrides for the value cell, e.g. a larger bold contract number. */
  valueStyle?: TextStyle;
};

/** One row of a label/value table; `second` puts another pair in the right half of the same row. */
export type LabelValueRow = LabelValue & { second?: LabelValue };

/**
 * A table of shaded label cells and values; values wrap within their cell. Returns the y below the table.
 * The caller makes sure it fits on the page (these tables are short).
 */
export function drawLabelValueTable(
  doc: Doc,
  rows: LabelValueRow[],
  box: { x: number; y: number; width: number; labelWidth: number; size?: number },
): number {
  const size = box.size ?? 10;
  const padX = 8;
  const padY = 5;
  const secondLabelWidth = Math.min(box.labelWidth, 84);
  // In a paired row the first value gets the smaller share: it is the short one (発注者, 保証の種類).
  const firstValueWidth = Math.round((box.width - box.labelWidth - secondLabelWidth) * 0.4);
  let y = box.y;

  type Cell = { x: number; width: number; text: string; style: TextStyle; fill?: boolean };
  for (const row of rows) {
    const cells: Cell[] = [{ x: box.x, width: box.labelWidth, text: row.label, style: { size, font: FONT.bold }, fill: true }];
    if (row.second) {
      const secondX = box.x + box.labelWidth + firstValueWidth;
      cells.push(
        { x: box.x + box.labelWidth, width: firstValueWidth, text: row.value, style: { size, ...row.valueStyle } },
        { x: secondX, width: secondLabelWidth, text: row.second.label, style: { size, font: FONT.bold }, fill: true },
        {
          x: secondX + secondLabelWidth,
          width: box.x + box.width - secondX - secondLabelWidth,
          text: row.second.value,
          style: { size, ...row.second.valueStyle },
        },
      );
    } else {
      cells.push({ x: box.x + box.labelWidth, width: box.width - box.labelWidth, text: row.value, style: { size, ...row.valueStyle } });
    }
    const heights = cells.map((cell) => textHeight(doc, cell.text, cell.width - padX * 2, cell.style));
    const height = Math.max(...heights) + padY * 2;

    cells.forEach((cell, i) => {
      if (cell.fill) doc.save().rect(cell.x, y, cell.width, height).fill(COLOR.labelFill).restore();
      drawParagraph(doc, cell.text, cell.x + padX, y + (height - heights[i]) / 2, cell.width - padX * 2, cell.style);
      if (i > 0) doc.save().lineWidth(0.5).strokeColor(COLOR.hairline).moveTo(cell.x, y).lineTo(cell.x, y + height).stroke().restore();
    });
    if (y > box.y) {
      doc.save().lineWidth(0.5).strokeColor(COLOR.hairline).moveTo(box.x, y).lineTo(box.x + box.width, y).stroke().restore();
    }
    y += height;
  }
  doc.save().lineWidth(0.8).strokeColor(COLOR.line).rect(box.x, box.y, box.width, y - box.y).stroke().restore();
  return y;
}

/**
 * Writes `footer(page, pageCount)` centred below the content area of every page. Call once, after all content.
 * The bottom margin is lifted while writing, or pdfkit would start a new page for text placed inside it.
 */
export function stampFooters(doc: Doc, footer: (page: number, pageCount: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    drawLine(doc, footer(i - range.start + 1, range.count), PAGE.margin, PAGE.height - PAGE.margin + 4, {
      size: 8,
      color: COLOR.muted,
      width: CONTENT_WIDTH,
      align: "center",
    });
    doc.page.margins.bottom = bottom;
  }
}

export type DocumentHeader = {
  title: string;
  /** 発行日 as printed. */
  issuedOn: string;
  /** Addressee, printed with 御中. */
  companyName: string;
  suretyName: string;
  suretyContact?: string;
  /** Printed under 発行日, e.g. 計算書番号 FS-202412-0042. */
  reference?: string;
};

/**
 * The head shared by every document: 発行日 top right, addressee with 御中 on an underline, the issuing surety on the
 * right, then the centred title with a double rule. Returns the y below it.
 */
export function drawDocumentHeader(doc: Doc, header: DocumentHeader): number {
  const left = PAGE.margin;
  const right = PAGE.width - PAGE.margin;
  let y = PAGE.margin;

  drawLine(doc, `発行日　${header.issuedOn}`, left, y, { size: 10, width: CONTENT_WIDTH, align: "right" });
  if (header.reference) {
    drawLine(doc, header.reference, left, y + 15, { size: 8.5, color: COLOR.muted, width: CONTENT_WIDTH, align: "right" });
  }
  y += 26;

  // A long company name shrinks rather than wraps, so 御中 stays on the same line. Names are set in the regular
  // weight: they come from data, and a bold copy of every kanji in them would grow the embedded font.
  const addresseeWidth = 330;
  const nameSize = fitFontSize(doc, header.companyName, addresseeWidth - 40, { max: 15, min: 9 });
  const nameWidth = textWidth(doc, header.companyName, { size: nameSize });
  drawLine(doc, header.companyName, left, y + (15 - nameSize) * 0.7, { size: nameSize });
  drawLine(doc, "御中", left + nameWidth + 10, y + 2.5, { size: 12 });
  y += 24;
  const underline = Math.max(addresseeWidth, nameWidth + 40);
  doc.save().lineWidth(0.8).strokeColor(COLOR.line).moveTo(left, y).lineTo(left + underline, y).stroke().restore();

  const suretySize = fitFontSize(doc, header.suretyName, 220, { max: 11.5, min: 8 });
  drawLine(doc, header.suretyName, left, y + 8, { size: suretySize, width: CONTENT_WIDTH, align: "right" });
  if (header.suretyContact) {
    drawLine(doc, header.suretyContact, left, y + 24, { size: 8.5, color: COLOR.muted, width: CONTENT_WIDTH, align: "right" });
  }
  y += 44;

  drawLine(doc, header.title, left, y, { font: FONT.bold, size: 22, width: CONTENT_WIDTH, align: "center" });
  y += 35;
  const ruleInset = 120;
  doc.save().lineWidth(0.6).strokeColor(COLOR.accent);
  doc.moveTo(left + ruleInset, y).lineTo(right - ruleInset, y).stroke();
  doc.moveTo(left + ruleInset, y + 2.5).lineTo(right - ruleInset, y + 2.5).stroke();
  doc.restore();
  return y + 13;
}
