import "server-only";
import type { Tx } from "@/lib/db";
import { formatContractNumber } from "@/lib/contract-number/format-contract-number";

/**
 * The next 保証契約番号 of a 年度, inside the caller's transaction. The upsert takes the year's row lock, so concurrent
 * approvers are served one after another, and a rolled-back conclusion gives its number back (numbers stay gapless).
 */
export async function allocateContractNumber(
  tx: Tx,
  { fiscalYear }: { fiscalYear: number },
): Promise<{ fiscalYear: number; sequence: number; contractNumber: string }> {
  const rows = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "ContractNumberSequence" ("fiscalYear", "lastValue") VALUES (${fiscalYear}::int, 1)
    ON CONFLICT ("fiscalYear") DO UPDATE SET "lastValue" = "ContractNumberSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  const sequence = Number(rows[0]!.lastValue);
  // formatContractNumber refuses sequence 10,000,000 rather than wrapping, which rolls the whole conclusion back.
  return { fiscalYear, sequence, contractNumber: formatContractNumber({ fiscalYear, sequence }) };
}
