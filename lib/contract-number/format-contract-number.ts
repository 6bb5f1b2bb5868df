import { DomainError } from "@/lib/errors";
import { dammCheckDigit } from "./damm";

export const MAX_CONTRACT_SEQUENCE = 9_999_999;

/** `2024-0001234-5`: 年度, 7-digit sequence within the 年度, Damm check digit over the first 11 digits. */
export function formatContractNumber({ fiscalYear, sequence }: { fiscalYear: number; sequence: number }): string {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1000 || fiscalYear > 9999) {
    throw new DomainError("INVALID_CONTRACT_NUMBER", { fiscalYear }, `fiscal year out of range: ${fiscalYear}`);
  }
  // Running out of 7 digits in one 年度 must stop conclusion rather than wrap into a duplicate number.
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_CONTRACT_SEQUENCE) {
    throw new DomainError("INVALID_CONTRACT_NUMBER", { sequence }, `sequence out of range: ${sequence}`);
  }
  const year = String(fiscalYear);
  const seq = String(sequence).padStart(7, "0");
  return `${year}-${seq}-${dammCheckDigit(year + seq)}`;
}
