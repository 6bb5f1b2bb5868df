import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { formatWareki } from "@/lib/dates";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import {
  FEE_STATEMENT_TITLE,
  REFUND_STATEMENT_TITLE,
  renderFeeStatement,
  renderRefundStatement,
  type FeeStatementRowKind,
} from "@/lib/pdf/render-fee-statement";
import { formatMonthLabel } from "./month";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FeeStatementPdf = {
  statementId: string;
  kind: "MONTHLY" | "REFUND";
  /** e.g. 保証料計算書_2024-12.pdf */
  filename: string;
  /** ASCII fallback for old clients */
  asciiFilename: string;
  content: Buffer;
};

/** 計算書番号 printed on a monthly statement: FS-202412-<first 8 of the id>. */
export function statementNumberOf(month: string, id: string): string {
  return `FS-${month.replace("-", "")}-${id.slice(0, 8).toUpperCase()}`;
}

/**
 * Loads one statement and draws its PDF: 保証料計算書 (MONTHLY) or 保証料返還計算書 (REFUND). With `companyId` it is
 * the contractor's download and another company's statement is NOT_FOUND, exactly like a missing one; without it the
 * caller is trusted (the mail dispatcher, staff screens). The same statement gives the same bytes every time.
 */
export async function getFeeStatementPdf({
  statementId,
  companyId,
  db = appDb,
}: {
  statementId: string;
  companyId?: string;
  db?: Db;
}): Promise<FeeStatementPdf> {
  if (!UUID.test(statementId)) throw new DomainError("NOT_FOUND");
  const s = await db.feeStatement.findUnique({
    where: { id: statementId },
    select: {
      id: true,
      companyId: true,
      kind: true,
      month: true,
      total: true,
      createdAt: true,
      company: { select: { name: true } },
      items: {
        orderBy: [{ ordinal: "asc" }, { id: "asc" }],
        select: { kind: true, amount: true, fee: true, contract: { select: { contractNumber: true, workName: true, guaranteeType: true } } },
      },
      changeRequest: {
        select: {
          changeContractDate: true,
          previousGuaranteeAmount: true,
          newGuaranteeAmount: true,
          previousFee: true,
          newFee: true,
          contract: { select: { contractNumber: true, workName: true, guaranteeType: true } },
        },
      },
    },
  });
  if (!s || (companyId !== undefined && s.companyId !== companyId)) throw new DomainError("NOT_FOUND");
  const e = env();

  if (s.kind === "REFUND") {
    const cr = s.changeRequest;
    if (!cr) throw new DomainError("NOT_FOUND");
    const refund = -s.total;
    const content = await renderRefundStatement({
      companyName: s.company.name,
      issuedOn: formatWareki(s.createdAt),
      issuedAt: s.createdAt,
      contractNumber: cr.contract.contractNumber,
      workName: cr.contract.workName,
      guaranteeType: cr.contract.guaranteeType,
      changeDate: formatWareki(cr.changeContractDate),
      amountBefore: cr.previousGuaranteeAmount ?? 0n,
      amountAfter: cr.newGuaranteeAmount ?? 0n,
      feeBefore: cr.previousFee ?? 0n,
      feeAfter: cr.newFee ?? 0n,
      refund,
      suretyName: e.SURETY_NAME,
      note: "返還額は、変更前の保証料と、承認日に適用される料率表による変更後の保証金額の保証料との差額です。",
    });
    return {
      statementId: s.id,
      kind: "REFUND",
      filename: `${REFUND_STATEMENT_TITLE}_${cr.contract.contractNumber}.pdf`,
      asciiFilename: `refund-statement_${cr.contract.contractNumber}.pdf`,
      content,
    };
  }

  const content = await renderFeeStatement({
    companyName: s.company.name,
    month: formatMonthLabel(s.month),
    issuedOn: formatWareki(s.createdAt),
    issuedAt: s.createdAt,
    statementNumber: statementNumberOf(s.month, s.id),
    suretyName: e.SURETY_NAME,
    rows: s.items.map((i) => ({
      contractNumber: i.contract.contractNumber,
      workName: i.contract.workName,
      guaranteeType: i.contract.guaranteeType,
      kind: i.kind as FeeStatementRowKind,
      guaranteeAmount: i.amount,
      fee: i.fee,
    })),
    note: "減額による返還額はマイナスで表示しています。",
  });
  return {
    statementId: s.id,
    kind: "MONTHLY",
    filename: `${FEE_STATEMENT_TITLE}_${s.month}.pdf`,
    asciiFilename: `fee-statement_${s.month}.pdf`,
    content,
  };
}
