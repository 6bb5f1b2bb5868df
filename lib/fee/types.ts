/** Same names as the Prisma enums, kept here so the fee rules need no generated client. */
export type GuaranteeType = "ADVANCE_PAYMENT" | "INTERMEDIATE_ADVANCE" | "CONTRACT" | "CONTRACT_RESERVATION";
export type RoundingMode = "FLOOR" | "ROUND_HALF_UP" | "CEIL";

export type RateBand = {
  /** Inclusive upper bound of 保証金額 in yen; null = no limit (only the last band). */
  upTo: number | null;
  /** Rate in parts per million of 保証金額: 0.065% = 650. */
  ratePpm: number;
  /** Yen added before rounding. */
  fixedFee?: number;
};

/** 料率表: one version of the rates for one guarantee type, in force from `effectiveFrom`. */
export type RateTable = {
  id: string;
  name: string;
  guaranteeType: GuaranteeType;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** Yen to round the fee to: 1, 10, 100 … */
  roundingUnit: number;
  roundingMode: RoundingMode;
  minimumFee: number;
  /** Ascending by `upTo`; each band covers amounts above the previous band's `upTo`. */
  bands: RateBand[];
};

export type FeeBreakdown = {
  rateTableId: string;
  guaranteeAmount: number;
  /** Inclusive range of 保証金額 the band covers; `from` is null for the first band. */
  band: { from: number | null; upTo: number | null };
  ratePpm: number;
  fixedFee: number;
  /** fixedFee + amount × rate before rounding, as an exact decimal string ("6500", "6500.65"). */
  exactFee: string;
  roundingUnit: number;
  roundingMode: RoundingMode;
  roundedFee: number;
  minimumFee: number;
  minimumFeeApplied: boolean;
};

export type FeeResult = {
  /** 保証料 in integer yen (no consumption tax applies). */
  fee: number;
  bandIndex: number;
  /** The rate as a percentage for display: "0.065%". */
  rateLabel: string;
  breakdown: FeeBreakdown;
};
