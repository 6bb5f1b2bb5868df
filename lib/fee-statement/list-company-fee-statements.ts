import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import type { FeeStatementKind } from "@/lib/generated/prisma/enums";

export type CompanyFeeStatement = {
  id: string;
  kind: FeeStatementKind;
  /** YYYY-MM */
  month: string;
  /** negative for a 保証料返還計算書 */
  total: bigint;
  items: number;
  createdAt: Date;
  /** 保証料返還計算書: the guarantee whose 減額 it refunds */
  contractNumber: string | null;
};

/** 保証料計算書 and 保証料返還計算書 of one company, newest first (/enet/fee-statements). */
export async function listCompanyFeeStatements({ companyId, db = appDb }: { companyId: string; db?: Db }): Promise<CompanyFeeStatement[]> {
  const rows = await db.feeStatement.findMany({
    where: { companyId },
    orderBy: [{ month: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      kind: true,
      month: true,
      total: true,
      createdAt: true,
      _count: { select: { items: true } },
      changeRequest: { select: { contract: { select: { contractNumber: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    month: r.month,
    total: r.total,
    items: r._count.items,
    createdAt: r.createdAt,
    contractNumber: r.changeRequest?.contract.contractNumber ?? null,
  }));
}
