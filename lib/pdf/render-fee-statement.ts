import "server-only";
import type { GuaranteeType } from "@/lib/guarantee-application/codes";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import {
  COLOR,
  LINE_HEIGHT,
  centredTop,
  CONTENT_BOTTOM,
  CONTENT_WIDTH,
  FONT,
  PAGE,
  drawDocumentHeader,
  drawLabelValueTable,
  drawLine,
  drawParagraph,
  renderPdf,
  stampFooters,
  textHeight,
  type Doc,
  type TextStyle,
} from "./document";

export const FEE_STATEMENT_TITLE = "保証料計算書";
export const REFUND_STATEMENT_TITLE = "保証料返還計算書";

/** 区分 of a statement row: the event that produced the fee. */
export type FeeStatementRowKind = "CONCLUSION" | "INCREASE" | "DECREASE";

export const FEE_STATEMENT_ROW_KIND_LABELS: Record<FeeStatementRowKind, string> = {
  CONCLUSION: "締結",
  INCREASE: "増額",
  DECREASE: "減額",
};

type Yen = number | bigint;

export type FeeStatementRow = {
  contractNumber: string;
  workName: string;
  guaranteeType: GuaranteeType;
  kind: FeeStatementRowKind;
  /** 保証金額 after the event, integer yen. */
  guaranteeAmount: Yen;
  /** 保証料 in integer yen; negative for a refund. */
  fee: Yen;
};

export type FeeStatementData = {
  companyName: string;
  /** 対象月 as printed, e.g. 2024年12月. */
  month: string;
  issuedOn: string;
  /** PDF CreationDate (determinism). */
  issuedAt: Date;
  statementNumber?: string;
  suretyName: string;
  suretyContact?: string;
  rows: FeeStatementRow[];
  /** Extra lines for the notes under the table (e.g. when the month's total is debited). */
  note?: string;
};

export type RefundStatementData = {
  companyName: string;
  issuedOn: string;
  issuedAt: Date;
  contractNumber: string;
  workName: string;
  guaranteeType: GuaranteeType;
  /** 変更契約日 as printed, when known. */
  changeDate?: string;
  amountBefore: Yen;
  amountAfter: Yen;
  feeBefore: Yen;
  feeAfter: Yen;
  /** 返還額 as computed by the fee rules (not always feeBefore − feeAfter), integer yen. */
  refund: Yen;
  suretyName: string;
  suretyContact?: string;
  /** Extra lines for the notes (e.g. how the refund is paid). */
  note?: string;
};

function notes(note: string | undefined): string[] {
  return note ? note.split("\n").map((line) => `・${line}`) : [];
}

/** Sum of the rows' fees; bigint so that no number of rows can lose precision. */
export function feeStatementTotal(rows: Pick<FeeStatementRow, "fee">[]): bigint {
  return rows.reduce((sum, row) => sum + BigInt(row.fee), BigInt(0));
}

type Column = {
  header: string;
  width: number;
  align: "left" | "center" | "right";
  wrap?: boolean;
  cell: (row: FeeStatementRow, index: number) => string;
};

const COLUMNS: Column[] = [
  { header: "No.", width: 24, align: "center", cell: (_, i) => String(i + 1) },
  { header: "保証契約番号", width: 80, align: "center", cell: (r) => r.contractNumber },
  { header: "工事名", width: 157, align: "left", wrap: true, cell: (r) => r.workName },
  { header: "保証の種類", width: 68, align: "center", cell: (r) => GUARANTEE_TYPE_LABELS[r.guaranteeType] },
  { header: "区分", width: 34, align: "center", cell: (r) => FEE_STATEMENT_ROW_KIND_LABELS[r.kind] },
  { header: "保証金額", width: 70, align: "right", cell: (r) => formatYen(r.guaranteeAmount) },
  { header: "保証料", width: 66, align: "right", cell: (r) => formatYen(r.fee) },
];
const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);
const CELL_PAD_X = 4;
const CELL_PAD_Y = 4;
const ROW_SIZE = 8.5;
const HEADER_HEIGHT = 20;

function drawCells(
  doc: Doc,
  texts: string[],
  y: number,
  height: number,
  style: TextStyle,
  headerRow = false,
  lastColumnColor?: string,
): void {
  let x = PAGE.margin;
  COLUMNS.forEach((column, i) => {
    if (i === COLUMNS.length - 1 && lastColumnColor) style = { ...style, color: lastColumnColor };
    const width = column.width - CELL_PAD_X * 2;
    const align = headerRow ? "center" : column.align;
    if (column.wrap && !headerRow) {
      const h = textHeight(doc, texts[i], width, style);
      drawParagraph(doc, texts[i], x + CELL_PAD_X, y + (height - h) / 2, width, { ...style, align });
    } else {
      drawLine(doc, texts[i], x + CELL_PAD_X, centredTop(y, height, style.size ?? ROW_SIZE), {
        ...style,
        width,
        align,
      });
    }
    x += column.width;
  });
}

/**
 * Column and row lines of one page of the table. Column lines stop at `columnsBottom` (the top of the 合計 row, which
 * spans every column but the last) except the line before 保証料.
 */
function drawGrid(doc: Doc, top: number, bottom: number, rowLines: number[], columnsBottom = bottom): void {
  const left = PAGE.margin;
  doc.save().lineWidth(0.5).strokeColor(COLOR.hairline);
  let x = left;
  COLUMNS.slice(0, -1).forEach((column, i) => {
    x += column.width;
    doc.moveTo(x, top).lineTo(x, i === COLUMNS.length - 2 ? bottom : columnsBottom).stroke();
  });
  for (const y of rowLines) doc.moveTo(left, y).lineTo(left + TABLE_WIDTH, y).stroke();
  doc.restore();
  doc.save().lineWidth(0.8).strokeColor(COLOR.line).rect(left, top, TABLE_WIDTH, bottom - top).stroke().restore();
}

function drawTableHeader(doc: Doc, y: number): number {
  doc.save().rect(PAGE.margin, y, TABLE_WIDTH, HEADER_HEIGHT).fill(COLOR.labelFill).restore();
  drawCells(
    doc,
    COLUMNS.map((c) => c.header),
    y,
    HEADER_HEIGHT,
    { font: FONT.bold, size: ROW_SIZE },
    true,
  );
  return y + HEADER_HEIGHT;
}

/** 「保証料計算書」: one month's fees of a 保証料一括納付 customer, as many pages as the rows need. */
export function renderFeeStatement(data: FeeStatementData): Promise<Buffer> {
  const total = feeStatementTotal(data.rows);

  return renderPdf(
    {
      title: `${FEE_STATEMENT_TITLE}（${data.month}分）`,
      author: data.suretyName,
      subject: data.companyName,
      createdAt: data.issuedAt,
    },
    (doc) => {
      const left = PAGE.margin;
      let y = drawDocumentHeader(doc, {
        title: FEE_STATEMENT_TITLE,
        issuedOn: data.issuedOn,
        companyName: data.companyName,
        suretyName: data.suretyName,
        suretyContact: data.suretyContact,
        reference: data.statementNumber ? `計算書番号　${data.statementNumber}` : undefined,
      });
      y = drawParagraph(
        doc,
        "保証料一括納付制度に基づき、対象月に締結・変更された保証契約の保証料を下記のとおり計算しましたのでお知らせします。",
        left,
        y,
        CONTENT_WIDTH,
        { size: 10, lineGap: 2 },
      );
      y += 10;
      y = drawLabelValueTable(
        doc,
        [
          { label: "対象月", value: `${data.month}分` },
          { label: "件数", value: `${data.rows.length}件` },
          { label: "保証料合計", value: formatYen(total), valueStyle: { font: FONT.bold, size: 13 } },
        ],
        { x: left, y, width: 300, labelWidth: 100, size: 10 },
      );
      y += 16;

      let tableTop = y;
      let rowLines: number[] = [];
      y = drawTableHeader(doc, y);

      const newPage = () => {
        drawGrid(doc, tableTop, y, rowLines);
        doc.addPage();
        drawLine(doc, `${FEE_STATEMENT_TITLE}（${data.month}分）　${data.companyName} 御中`, left, PAGE.margin, {
          font: FONT.bold,
          size: 10,
        });
        tableTop = PAGE.margin + 24;
        rowLines = [];
        y = drawTableHeader(doc, tableTop);
      };

      data.rows.forEach((row, index) => {
        const texts = COLUMNS.map((c) => c.cell(row, index));
        const workColumn = COLUMNS.find((c) => c.wrap)!;
        const workHeight = textHeight(doc, row.workName, workColumn.width - CELL_PAD_X * 2, { size: ROW_SIZE });
        const height = Math.max(workHeight, ROW_SIZE * LINE_HEIGHT) + CELL_PAD_Y * 2;
        if (y + height > CONTENT_BOTTOM) newPage();
        rowLines.push(y);
        drawCells(doc, texts, y, height, { size: ROW_SIZE }, false, BigInt(row.fee) < 0 ? COLOR.warning : undefined);
        y += height;
      });

      const totalHeight = 22;
      if (y + totalHeight + 40 > CONTENT_BOTTOM) newPage();
      const totalTop = y;
      const labelWidth = TABLE_WIDTH - COLUMNS[COLUMNS.length - 1].width;
      doc.save().rect(left, totalTop, TABLE_WIDTH, totalHeight).fill(COLOR.labelFill).restore();
      drawLine(doc, "合計", left, centredTop(totalTop, totalHeight, 10), {
        font: FONT.bold,
        size: 10,
        width: labelWidth - CELL_PAD_X * 2,
        align: "right",
      });
      drawLine(doc, formatYen(total), left + labelWidth + CELL_PAD_X, centredTop(totalTop, totalHeight, 9.5), {
        font: FONT.bold,
        size: 9.5,
        width: COLUMNS[COLUMNS.length - 1].width - CELL_PAD_X * 2,
        align: "right",
      });
      y = totalTop + totalHeight;
      drawGrid(doc, tableTop, y, [...rowLines, totalTop], totalTop);
      y += 8;

      drawParagraph(
        doc,
        ["・保証料は消費税の課税対象外です。", "・保証料欄のマイナス（赤字）は、減額に伴う保証料の返還額です。", ...notes(data.note)].join("\n"),
        left,
        y,
        CONTENT_WIDTH,
        { size: 8.5, color: COLOR.muted, lineGap: 1.5 },
      );

      stampFooters(doc, (page, count) => `${FEE_STATEMENT_TITLE}（${data.month}分）　${page} / ${count}　${data.suretyName}`);
    },
  );
}

/** 「保証料返還計算書」: the refund when a 減額 lowers the fee of one guarantee. */
export function renderRefundStatement(data: RefundStatementData): Promise<Buffer> {
  return renderPdf(
    {
      title: REFUND_STATEMENT_TITLE,
      author: data.suretyName,
      subject: `保証契約番号 ${data.contractNumber}`,
      createdAt: data.issuedAt,
    },
    (doc) => {
      const left = PAGE.margin;
      let y = drawDocumentHeader(doc, {
        title: REFUND_STATEMENT_TITLE,
        issuedOn: data.issuedOn,
        companyName: data.companyName,
        suretyName: data.suretyName,
        suretyContact: data.suretyContact,
      });
      y = drawParagraph(
        doc,
        "保証金額の減額に伴い、下記のとおり保証料の返還額を計算しましたのでお知らせします。",
        left,
        y,
        CONTENT_WIDTH,
        { size: 10, lineGap: 2 },
      );
      y += 10;

      y = drawLabelValueTable(
        doc,
        [
          { label: "保証契約番号", value: data.contractNumber, valueStyle: { font: FONT.bold, size: 12 } },
          { label: "工事名", value: data.workName },
          { label: "保証の種類", value: GUARANTEE_TYPE_LABELS[data.guaranteeType] },
          ...(data.changeDate ? [{ label: "変更契約日", value: data.changeDate }] : []),
        ],
        { x: left, y, width: CONTENT_WIDTH, labelWidth: 120, size: 10 },
      );
      y += 18;

      // 変更前 / 変更後 side by side.
      const labelWidth = 120;
      const valueWidth = (CONTENT_WIDTH - labelWidth) / 2;
      const rowHeight = 26;
      const rows: [string, string, string][] = [
        ["", "変更前", "変更後"],
        ["保証金額", formatYen(data.amountBefore), formatYen(data.amountAfter)],
        ["保証料", formatYen(data.feeBefore), formatYen(data.feeAfter)],
      ];
      const top = y;
      rows.forEach(([label, before, after], i) => {
        const rowTop = top + i * rowHeight;
        if (i === 0) doc.save().rect(left, rowTop, CONTENT_WIDTH, rowHeight).fill(COLOR.labelFill).restore();
        else doc.save().rect(left, rowTop, labelWidth, rowHeight).fill(COLOR.labelFill).restore();
        const textTop = centredTop(rowTop, rowHeight, 10);
        drawLine(doc, label, left + 8, textTop, { font: FONT.bold, size: 10, width: labelWidth - 16 });
        const style: TextStyle = i === 0 ? { font: FONT.bold, size: 10 } : { size: 10.5 };
        const align = i === 0 ? "center" : "right";
        drawLine(doc, before, left + labelWidth + 10, textTop, { ...style, width: valueWidth - 20, align });
        drawLine(doc, after, left + labelWidth + valueWidth + 10, textTop, { ...style, width: valueWidth - 20, align });
      });
      y = top + rows.length * rowHeight;
      doc.save().lineWidth(0.5).strokeColor(COLOR.hairline);
      for (let i = 1; i < rows.length; i++) doc.moveTo(left, top + i * rowHeight).lineTo(left + CONTENT_WIDTH, top + i * rowHeight).stroke();
      doc.moveTo(left + labelWidth, top).lineTo(left + labelWidth, y).stroke();
      doc.moveTo(left + labelWidth + valueWidth, top).lineTo(left + labelWidth + valueWidth, y).stroke();
      doc.restore();
      doc.save().lineWidth(0.8).strokeColor(COLOR.line).rect(left, top, CONTENT_WIDTH, y - top).stroke().restore();
      y += 18;

      // 返還額, framed like the key box of the notice.
      const boxHeight = 40;
      doc.save().rect(left, y, labelWidth, boxHeight).fill(COLOR.labelFill).restore();
      doc.save().lineWidth(1.6).strokeColor(COLOR.accent).rect(left, y, CONTENT_WIDTH, boxHeight).stroke().restore();
      doc.save().lineWidth(0.5).strokeColor(COLOR.hairline).moveTo(left + labelWidth, y).lineTo(left + labelWidth, y + boxHeight).stroke().restore();
      drawLine(doc, "返還額", left + 8, centredTop(y, boxHeight, 12), { font: FONT.bold, size: 12 });
      drawLine(doc, formatYen(data.refund), left + labelWidth + 10, centredTop(y, boxHeight, 18), {
        font: FONT.bold,
        size: 18,
        width: CONTENT_WIDTH - labelWidth - 30,
        align: "right",
      });
      y += boxHeight + 14;

      drawParagraph(
        doc,
        ["・保証料は消費税の課税対象外です。", ...notes(data.note)].join("\n"),
        left,
        y,
        CONTENT_WIDTH,
        { size: 8.5, color: COLOR.muted, lineGap: 1.5 },
      );
    },
  );
}
