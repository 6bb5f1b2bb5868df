/** Sample data for scripts/pdf-samples.ts and scripts/pdf-bench.ts (not demo data: nothing here reaches the DB). */
import type { AuthKeyNoticeData } from "@/lib/pdf/render-auth-key-notice";
import type { FeeStatementData, RefundStatementData } from "@/lib/pdf/render-fee-statement";

const issuedAt = new Date("2024-12-01T01:00:00Z");

export const sampleAuthKeyNotice: AuthKeyNoticeData = {
  companyName: "株式会社𠮷田建設",
  issuedOn: "令和6年12月1日",
  issuedAt,
  contractNumber: "2024-0001234-5",
  authKey: "7KQ2-M9XD-4HBT-RW3P",
  ordererName: "鹿児島市",
  departmentName: "建設局 道路部 道路建設課",
  workName: "𠮷野家前道路改良工事（第2工区）",
  guaranteeTypeLabel: "前払金保証",
  guaranteeAmount: "12,340,000円",
  version: 1,
  dsureUrl: "https://denshi-hosho.example.jp/dsure",
  dsureQrUrl: "https://denshi-hosho.example.jp/dsure?contractNumber=2024-0001234-5",
  submissionNote: "本書を発注者（鹿児島市 各担当課）へ電子メールでご提出ください。",
  suretyName: "サンプル建設業保証株式会社",
  suretyContact: "鹿児島支店　TEL 099-000-0000",
};

const kinds = ["CONCLUSION", "CONCLUSION", "INCREASE", "DECREASE"] as const;
const types = ["ADVANCE_PAYMENT", "CONTRACT", "INTERMEDIATE_ADVANCE", "ADVANCE_PAYMENT"] as const;

export function sampleFeeStatement(rowCount = 12): FeeStatementData {
  return {
    companyName: "株式会社𠮷田建設",
    month: "2024年12月",
    issuedOn: "令和7年1月6日",
    issuedAt: new Date("2025-01-06T00:00:00Z"),
    statementNumber: "FS-202412-0042",
    suretyName: "サンプル建設業保証株式会社",
    suretyContact: "鹿児島支店　TEL 099-000-0000",
    rows: Array.from({ length: rowCount }, (_, i) => {
      const kind = kinds[i % kinds.length];
      const amount = 3_000_000 + i * 1_234_000;
      const fee = Math.round(amount * 0.0007);
      return {
        contractNumber: `2024-${String(1200 + i).padStart(7, "0")}-${i % 10}`,
        workName: i % 3 === 0 ? `𠮷野家前道路改良工事（第${i + 1}工区）` : `鹿児島市立第${i + 1}小学校 校舎大規模改造（建築主体）工事`,
        guaranteeType: types[i % types.length],
        kind,
        guaranteeAmount: amount,
        fee: kind === "DECREASE" ? -Math.round(fee / 3) : fee,
      };
    }),
  };
}

export const sampleRefundStatement: RefundStatementData = {
  companyName: "株式会社𠮷田建設",
  issuedOn: "令和7年1月6日",
  issuedAt: new Date("2025-01-06T00:00:00Z"),
  contractNumber: "2024-0001234-5",
  workName: "𠮷野家前道路改良工事（第2工区）",
  guaranteeType: "ADVANCE_PAYMENT",
  changeDate: "令和6年12月20日",
  amountBefore: 12_340_000,
  amountAfter: 9_000_000,
  feeBefore: 8_638,
  feeAfter: 6_300,
  refund: 2_338,
  suretyName: "サンプル建設業保証株式会社",
  suretyContact: "鹿児島支店　TEL 099-000-0000",
};
