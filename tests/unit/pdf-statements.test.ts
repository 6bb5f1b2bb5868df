import { describe, expect, it } from "vitest";
import {
  feeStatementTotal,
  renderFeeStatement,
  renderRefundStatement,
  type FeeStatementData,
  type FeeStatementRow,
  type RefundStatementData,
} from "@/lib/pdf/render-fee-statement";
import { extractPdf } from "./pdf-extract-text";

const YOSHI = "\u{20BB7}"; // 𠮷

function rows(count: number): FeeStatementRow[] {
  return Array.from({ length: count }, (_, i) => ({
    contractNumber: `2024-${String(100 + i).padStart(7, "0")}-${i % 10}`,
    workName: i % 2 === 0 ? `${YOSHI}野家前道路改良工事（第${i + 1}工区）` : `鹿児島市立第${i + 1}小学校 校舎大規模改造（建築主体）工事`,
    guaranteeType: i % 3 === 0 ? "CONTRACT" : "ADVANCE_PAYMENT",
    kind: "CONCLUSION",
    guaranteeAmount: 10_000_000 + i * 1_000_000,
    fee: 7_000 + i * 100,
  }));
}

const statement: FeeStatementData = {
  companyName: `株式会社${YOSHI}田建設`,
  month: "2024年12月",
  issuedOn: "令和7年1月6日",
  issuedAt: new Date("2025-01-06T00:00:00Z"),
  statementNumber: "FS-202412-0042",
  suretyName: "サンプル建設業保証株式会社",
  rows: [
    {
      contractNumber: "2024-0001234-5",
      workName: `${YOSHI}野家前道路改良工事`,
      guaranteeType: "ADVANCE_PAYMENT",
      kind: "CONCLUSION",
      guaranteeAmount: 12_340_000,
      fee: 8_638,
    },
    {
      contractNumber: "2024-0001235-3",
      workName: "鹿児島中央駅西口広場整備工事",
      guaranteeType: "INTERMEDIATE_ADVANCE",
      kind: "INCREASE",
      guaranteeAmount: 10_000_000,
      fee: 6_500,
    },
    {
      contractNumber: "2024-0001199-0",
      workName: "天文館地区電線共同溝工事",
      guaranteeType: "CONTRACT",
      kind: "DECREASE",
      guaranteeAmount: BigInt(9_000_000),
      fee: BigInt(-2_338),
    },
  ],
};

describe("保証料計算書 PDF", () => {
  it("lists each contract with its type, event, amount and fee, and the month's total", async () => {
    const pdf = await extractPdf(await renderFeeStatement(statement));

    expect(pdf.pageCount).toBe(1);
    expect(pdf.compact).toContain("保証料計算書");
    expect(pdf.compact).toContain(`株式会社${YOSHI}田建設御中`);
    expect(pdf.compact).toContain("2024年12月分");
    expect(pdf.compact).toContain(`2024-0001234-5${YOSHI}野家前道路改良工事前払金保証締結12,340,000円8,638円`);
    expect(pdf.compact).toContain("2024-0001235-3鹿児島中央駅西口広場整備工事中間前払金保証増額10,000,000円6,500円");
    expect(pdf.compact).toContain("2024-0001199-0天文館地区電線共同溝工事契約保証減額9,000,000円-2,338円");
    expect(pdf.compact).toContain("合計12,800円");
    expect(pdf.pages[0]).toContain(`${YOSHI}野家`);
    expect(pdf.info.Author).toBe("サンプル建設業保証株式会社");
    expect(pdf.info.Title).toBe("保証料計算書（2024年12月分）");
  });

  it("adds pages for a long month, repeating the column headings, and every row appears once", async () => {
    const many = rows(60);
    const bytes = await renderFeeStatement({ ...statement, rows: many });
    const pdf = await extractPdf(bytes);

    expect(pdf.pageCount).toBeGreaterThan(1);
    for (const [i, page] of pdf.pages.entries()) {
      expect(page.replace(/\s+/g, "")).toContain("保証契約番号工事名保証の種類区分保証金額保証料");
      expect(page).toContain(`${i + 1} / ${pdf.pageCount}`);
    }
    for (const row of many) {
      expect(pdf.compact.split(row.contractNumber)).toHaveLength(2);
    }
    const total = many.reduce((sum, row) => sum + Number(row.fee), 0);
    expect(pdf.compact).toContain(`合計${total.toLocaleString("en-US")}円`);
    expect(bytes.length).toBeLessThanOrEqual(60 * 1024);
  });

  it("stays under 60 KB for a typical month", async () => {
    const bytes = await renderFeeStatement({ ...statement, rows: rows(12) });
    expect(bytes.length).toBeLessThanOrEqual(60 * 1024);
  });

  it("totals fees exactly, refunds included, whatever the number type", () => {
    expect(feeStatementTotal(statement.rows)).toBe(BigInt(12_800));
    expect(feeStatementTotal([{ fee: Number.MAX_SAFE_INTEGER }, { fee: 2 }])).toBe(BigInt(Number.MAX_SAFE_INTEGER) + BigInt(2));
    expect(feeStatementTotal([])).toBe(BigInt(0));
  });
});

describe("保証料返還計算書 PDF", () => {
  const refund: RefundStatementData = {
    companyName: `株式会社${YOSHI}田建設`,
    issuedOn: "令和7年1月6日",
    issuedAt: new Date("2025-01-06T00:00:00Z"),
    contractNumber: "2024-0001234-5",
    workName: `${YOSHI}野家前道路改良工事`,
    guaranteeType: "ADVANCE_PAYMENT",
    changeDate: "令和6年12月20日",
    amountBefore: 12_340_000,
    amountAfter: 9_000_000,
    feeBefore: 8_638,
    feeAfter: 6_300,
    refund: 2_338,
    suretyName: "サンプル建設業保証株式会社",
  };

  it("shows the amounts and fees before and after the 減額 and the refund", async () => {
    const bytes = await renderRefundStatement(refund);
    const pdf = await extractPdf(bytes);

    expect(pdf.pageCount).toBe(1);
    expect(pdf.compact).toContain("保証料返還計算書");
    expect(pdf.compact).toContain("保証契約番号2024-0001234-5");
    expect(pdf.compact).toContain(`工事名${YOSHI}野家前道路改良工事`);
    expect(pdf.compact).toContain("保証の種類前払金保証");
    expect(pdf.compact).toContain("変更契約日令和6年12月20日");
    expect(pdf.compact).toContain("変更前変更後保証金額12,340,000円9,000,000円保証料8,638円6,300円");
    expect(pdf.compact).toContain("返還額2,338円");
    expect(bytes.length).toBeLessThanOrEqual(60 * 1024);
  });
});
