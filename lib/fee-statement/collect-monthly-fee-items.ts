import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { FeeStatementRowKind } from "@/lib/pdf/render-fee-statement";
import { monthRangeJst } from "./month";

export type MonthlyFeeItem = {
  contractId: string;
  contractNumber: string;
  kind: FeeStatementRowKind;
  /** 保証金額 after the event */
  amount: bigint;
  /** 保証料; negative for a refund */
  fee: bigint;
  occurredAt: Date;
  changeRequestId: string | null;
};

function readYen(content: unknown, key: "amount" | "fee"): bigint | null {
  const g = (content as { guarantee?: Record<string, unknown> } | null)?.guarantee;
  const v = g?.[key];
  return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : null;
}

/**
 * One company's fees of one month (JST): each guarantee concluded in it (the fee and 保証金額 of 版 1, as signed), and
 * each change approved in it that charged or refunded a difference (増額 +, 減額 −). In the order they happened.
 */
export async function collectMonthlyFeeItems(
  client: Db | Tx,
  { companyId, month }: { companyId: string; month: string },
): Promise<MonthlyFeeItem[]> {
  const { start, end } = monthRangeJst(month);
  const [contracts, changes] = await Promise.all([
    client.guaranteeContract.findMany({
      where: { companyId, concludedAt: { gte: start, lt: end } },
      select: {
        id: true,
        contractNumber: true,
        concludedAt: true,
        guaranteeAmount: true,
        fee: true,
        versions: { where: { version: 1 }, select: { content: true } },
        changeRequests: { where: { status: "APPROVED" }, select: { feeDifference: true } },
      },
    }),
    client.changeRequest.findMany({
      where: { companyId, status: "APPROVED", approvedAt: { gte: start, lt: end }, feeDifference: { not: 0n }, kind: { in: ["INCREASE", "DECREASE"] } },
      select: {
        id: true,
        kind: true,
        approvedAt: true,
        newGuaranteeAmount: true,
        feeDifference: true,
        contract: { select: { id: true, contractNumber: true } },
      },
    }),
  ]);

  const items: MonthlyFeeItem[] = contracts.map((c) => {
    // The fee at conclusion is what 版 1 signed; a contract's own columns have moved on with later changes.
    const v1 = c.versions[0]?.content;
    const changed = c.changeRequests.reduce((sum, r) => sum + (r.feeDifference ?? 0n), 0n);
    return {
      contractId: c.id,
      contractNumber: c.contractNumber,
      kind: "CONCLUSION" as const,
      amount: readYen(v1, "amount") ?? c.guaranteeAmount,
      fee: readYen(v1, "fee") ?? c.fee - changed,
      occurredAt: c.concludedAt,
      changeRequestId: null,
    };
  });
  for (const r of changes) {
    items.push({
      contractId: r.contract.id,
      contractNumber: r.contract.contractNumber,
      kind: r.kind === "INCREASE" ? "INCREASE" : "DECREASE",
      amount: r.newGuaranteeAmount ?? 0n,
      fee: r.feeDifference ?? 0n,
      occurredAt: r.approvedAt!,
      changeRequestId: r.id,
    });
  }
  return items.sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.contractNumber.localeCompare(b.contractNumber) || (a.kind === "CONCLUSION" ? -1 : 1),
  );
}
