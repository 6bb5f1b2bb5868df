import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { collectMonthlyFeeItems } from "./collect-monthly-fee-items";
import { isMonth, monthRangeJst } from "./month";

export type GenerateMonthlyFeeStatementsResult = {
  month: string;
  /** statements written by this call */
  created: { companyId: string; statementId: string; total: bigint; items: number }[];
  /** companies whose statement for the month existed already (written earlier, or by another instance meanwhile) */
  existing: number;
  /** 保証料一括納付 companies with nothing concluded or changed in the month: no statement */
  empty: number;
};

/** The unique key that makes the statement of a company and month exist at most once. */
export function monthlyKeyOf(companyId: string, month: string): string {
  return `${companyId}:${month}`;
}

/**
 * 保証料計算書 for one finished month (YYYY-MM, Japan time), for every company on 保証料一括納付: the month's
 * conclusions and fee differences, with the total, and 「保証料計算書発行のお知らせ」 — each company in its own
 * transaction with its audit row. Idempotent per company and month: FeeStatement.monthlyKey is unique, so a second
 * run, a second instance or a staff click at the same time finds the statement written and leaves it alone.
 *
 * Run by the in-app scheduler (actor SYSTEM) on the 1st of each month for the month before, and on demand by staff
 * (APPROVER or ADMIN). A month that has not ended yet is refused (INVALID_STATE): a statement written early would
 * miss the rest of the month for good.
 */
export async function generateMonthlyFeeStatements({
  month,
  staffId,
  now = new Date(),
}: {
  month: string;
  /** staff asking for it; absent for the scheduler */
  staffId?: string;
  now?: Date;
}): Promise<GenerateMonthlyFeeStatementsResult> {
  if (!isMonth(month)) throw new DomainError("VALIDATION", { fieldErrors: { month: ["対象月を YYYY-MM の形で入力してください"] } });
  if (monthRangeJst(month).end.getTime() > now.getTime()) {
    throw new DomainError("INVALID_STATE", { month }, "対象月がまだ終わっていません");
  }
  let actor: { actorType: "STAFF" | "SYSTEM"; actorId: string | null; actorLabel: string };
  if (staffId) {
    const staff = await db.$transaction((tx) => loadActingStaff(tx, { staffId, roles: ["APPROVER", "ADMIN"] }));
    actor = { actorType: "STAFF", actorId: staff.id, actorLabel: staff.staffId };
  } else {
    actor = { actorType: "SYSTEM", actorId: null, actorLabel: "fee-statement-scheduler" };
  }

  const companies = await db.company.findMany({
    where: { lumpSumPayment: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, email: true },
  });
  const result: GenerateMonthlyFeeStatementsResult = { month, created: [], existing: 0, empty: 0 };

  for (const company of companies) {
    const monthlyKey = monthlyKeyOf(company.id, month);
    if (await db.feeStatement.findUnique({ where: { monthlyKey }, select: { id: true } })) {
      result.existing++;
      continue;
    }
    try {
      const written = await db.$transaction(async (tx) => {
        const items = await collectMonthlyFeeItems(tx, { companyId: company.id, month });
        if (items.length === 0) return null;
        const total = items.reduce((sum, i) => sum + i.fee, 0n);
        const id = crypto.randomUUID();
        // A concurrent writer of the same key makes this insert wait for it and then fail with P2002 (caught below).
        await tx.feeStatement.create({
          data: {
            id,
            companyId: company.id,
            kind: "MONTHLY",
            month,
            total,
            monthlyKey,
            createdAt: now,
            items: {
              create: items.map((i, ordinal) => ({
                contractId: i.contractId,
                kind: i.kind,
                amount: i.amount,
                fee: i.fee,
                ordinal,
                occurredAt: i.occurredAt,
                changeRequestId: i.changeRequestId,
              })),
            },
          },
        });
        await enqueueMail(tx, {
          template: "FEE_STATEMENT_ISSUED",
          to: company.email,
          data: { companyName: company.name, month, statementId: id, statementKind: "MONTHLY" },
        });
        await writeAudit(tx, {
          ...actor,
          action: "feeStatement.issue",
          entityType: "FeeStatement",
          entityId: id,
          after: { companyId: company.id, kind: "MONTHLY", month, total, items: items.length },
        });
        return { companyId: company.id, statementId: id, total, items: items.length };
      });
      if (written) result.created.push(written);
      else result.empty++;
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        result.existing++;
        continue;
      }
      throw e;
    }
  }
  return result;
}
