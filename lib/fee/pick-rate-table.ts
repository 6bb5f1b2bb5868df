import { DomainError } from "@/lib/errors";
import type { GuaranteeType } from "./types";

type Dated = { guaranteeType: GuaranteeType; effectiveFrom: string };

/**
 * The 料率表 in force on `onDate` (YYYY-MM-DD) for a guarantee type: the one with the latest `effectiveFrom` not after it.
 * A table dated later is not yet in force; two tables on the same day would make the fee ambiguous, so that fails loudly.
 */
export function pickRateTable<T extends Dated>(tables: readonly T[], guaranteeType: GuaranteeType, onDate: string): T {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(onDate)) throw new RangeError(`not a YYYY-MM-DD date: ${onDate}`);
  // YYYY-MM-DD strings order the same way as the dates they name.
  const candidates = tables
    .filter((t) => t.guaranteeType === guaranteeType && t.effectiveFrom <= onDate)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
  if (candidates.length === 0) throw new DomainError("NO_RATE_TABLE", { guaranteeType, onDate });
  if (candidates.length > 1 && candidates[1].effectiveFrom === candidates[0].effectiveFrom) {
    throw new DomainError("CONFLICT", { guaranteeType, effectiveFrom: candidates[0].effectiveFrom });
  }
  return candidates[0];
}
