import { DomainError } from "@/lib/errors";
import { MAX_YEN } from "@/lib/money";
import type { RateTable } from "./types";

const isNonNegativeInt = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * The shape rules a 料率表 must meet before any fee is computed from it. Throws `VALIDATION` with every problem
 * found, so the rate-table editor can show them all at once.
 */
export function assertValidRateTable(table: RateTable): void {
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(table.effectiveFrom)) problems.push("effectiveFrom must be YYYY-MM-DD");
  if (!Number.isSafeInteger(table.roundingUnit) || table.roundingUnit < 1) problems.push("roundingUnit must be ≥ 1");
  if (!["FLOOR", "ROUND_HALF_UP", "CEIL"].includes(table.roundingMode)) problems.push("unknown roundingMode");
  if (!isNonNegativeInt(table.minimumFee)) problems.push("minimumFee must be a non-negative integer");
  if (table.bands.length === 0) problems.push("at least one band is required");
  let previous = 0;
  table.bands.forEach((band, i) => {
    const last = i === table.bands.length - 1;
    if (band.upTo === null) {
      if (!last) problems.push(`band ${i}: only the last band may have no upper bound`);
    } else if (!Number.isSafeInteger(band.upTo) || band.upTo <= previous || band.upTo > MAX_YEN) {
      problems.push(`band ${i}: upTo must be an integer above the previous band's and at most ${MAX_YEN}`);
    } else {
      previous = band.upTo;
    }
    if (!isNonNegativeInt(band.ratePpm)) problems.push(`band ${i}: ratePpm must be a non-negative integer`);
    if (band.fixedFee !== undefined && !isNonNegativeInt(band.fixedFee)) {
      problems.push(`band ${i}: fixedFee must be a non-negative integer`);
    }
  });
  if (problems.length > 0) throw new DomainError("VALIDATION", { rateTableId: table.id, problems });
}
