import { DomainError } from "@/lib/errors";
import { MAX_YEN } from "@/lib/money";
import { assertValidRateTable } from "./assert-valid-rate-table";
import type { FeeResult, GuaranteeType, RateTable, RoundingMode } from "./types";

const PPM = 1_000_000n;

/**
 * 保証料 = fixedFee + 保証金額 × rate of the band that contains 保証金額, rounded to the table's unit by its mode,
 * and never below its minimum. Integer arithmetic throughout: 保証金額 × ppm reaches 10^17, beyond exact doubles.
 */
export function computeFee({
  guaranteeType,
  guaranteeAmount,
  rateTable,
}: {
  guaranteeType: GuaranteeType;
  guaranteeAmount: number | bigint;
  rateTable: RateTable;
}): FeeResult {
  if (rateTable.guaranteeType !== guaranteeType) {
    throw new DomainError("NO_RATE_TABLE", { guaranteeType, rateTableId: rateTable.id });
  }
  const isWholeYen = typeof guaranteeAmount === "bigint" || Number.isSafeInteger(guaranteeAmount);
  const amount = isWholeYen ? BigInt(guaranteeAmount) : -1n;
  if (amount < 1n || amount > BigInt(MAX_YEN)) {
    throw new DomainError("VALIDATION", { guaranteeAmount: String(guaranteeAmount) }, "guarantee amount out of range");
  }
  assertValidRateTable(rateTable);

  const bandIndex = rateTable.bands.findIndex((b) => b.upTo === null || amount <= BigInt(b.upTo));
  if (bandIndex === -1) {
    throw new DomainError("NO_RATE_TABLE", { rateTableId: rateTable.id, guaranteeAmount: Number(amount) }, "amount above every band");
  }
  const band = rateTable.bands[bandIndex];
  const fixedFee = band.fixedFee ?? 0;

  // The exact fee is numerator / 10^6 yen.
  const numerator = BigInt(fixedFee) * PPM + amount * BigInt(band.ratePpm);
  const unit = BigInt(rateTable.roundingUnit);
  const roundedFee = Number(roundToUnit(numerator, PPM * unit, rateTable.roundingMode) * unit);
  const fee = Math.max(roundedFee, rateTable.minimumFee);

  const previousUpTo = bandIndex === 0 ? null : rateTable.bands[bandIndex - 1].upTo;
  return {
    fee,
    bandIndex,
    rateLabel: formatPpmAsPercent(band.ratePpm),
    breakdown: {
      rateTableId: rateTable.id,
      guaranteeAmount: Number(amount),
      band: { from: previousUpTo === null ? null : previousUpTo + 1, upTo: band.upTo },
      ratePpm: band.ratePpm,
      fixedFee,
      exactFee: formatDecimal(numerator, 6),
      roundingUnit: rateTable.roundingUnit,
      roundingMode: rateTable.roundingMode,
      roundedFee,
      minimumFee: rateTable.minimumFee,
      minimumFeeApplied: fee !== roundedFee,
    },
  };
}

/** numerator / denominator rounded to an integer; both are non-negative. */
function roundToUnit(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  switch (mode) {
    case "FLOOR":
      return quotient;
    case "CEIL":
      return quotient + 1n;
    case "ROUND_HALF_UP":
      return remainder * 2n >= denominator ? quotient + 1n : quotient;
  }
}

/** `scaled` / 10^places as a plain decimal without trailing zeros. */
function formatDecimal(scaled: bigint, places: number): string {
  const text = scaled.toString().padStart(places + 1, "0");
  const whole = text.slice(0, -places);
  const fraction = text.slice(-places).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/** 650 ppm → "0.065%" (1% = 10,000 ppm). */
export function formatPpmAsPercent(ratePpm: number): string {
  return `${formatDecimal(BigInt(ratePpm), 4)}%`;
}
