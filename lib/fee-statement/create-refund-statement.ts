import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { monthOfJst } from "./month";

/**
 * 保証料返還計算書: written with the approval of a 減額 that refunds part of the fee, inside the approval's transaction.
 * One statement per change (FeeStatement.changeRequestId is unique) with one row: the contract, the 保証金額 after
 * the change and the refund as a negative fee. The company is told by 「保証料計算書発行のお知らせ」; the PDF is
 * downloaded from e-Net保証 (/enet/fee-statements).
 */
export async function createRefundStatement(
  tx: Tx,
  {
    companyId,
    companyName,
    companyEmail,
    changeRequestId,
    contractId,
    guaranteeAmountAfter,
    refund,
    now,
  }: {
    companyId: string;
    companyName: string;
    companyEmail: string;
    changeRequestId: string;
    contractId: string;
    guaranteeAmountAfter: bigint;
    /** the amount refunded, > 0 */
    refund: bigint;
    now: Date;
  },
): Promise<{ id: string }> {
  if (refund <= 0n) throw new RangeError("a refund statement needs a positive refund");
  const month = monthOfJst(now);
  const statement = await tx.feeStatement.create({
    data: {
      companyId,
      kind: "REFUND",
      month,
      total: -refund,
      changeRequestId,
      createdAt: now,
      items: {
        create: [{ contractId, kind: "DECREASE", amount: guaranteeAmountAfter, fee: -refund, ordinal: 0, occurredAt: now, changeRequestId }],
      },
    },
    select: { id: true },
  });
  await enqueueMail(tx, {
    template: "FEE_STATEMENT_ISSUED",
    to: companyEmail,
    data: { companyName, month, statementId: statement.id, statementKind: "REFUND" },
  });
  return statement;
}
