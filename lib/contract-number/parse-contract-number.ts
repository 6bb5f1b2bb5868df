import { isDammValid } from "./damm";

export type ParsedContractNumber =
  | { ok: true; value: string; fiscalYear: number; sequence: number }
  | { ok: false; reason: "FORMAT" | "CHECK_DIGIT" };

// NFKC leaves these dash look-alikes alone; Japanese IMEs produce them when a hyphen is meant.
const DASHES = /[ー−‐‑‒–—―]/g;
const SHAPE = /^(\d{4})-?(\d{7})-?(\d)$/;

/**
 * Reads a 保証契約番号 as people type or paste it: with or without hyphens, with spaces, in full-width digits.
 * `CHECK_DIGIT` means "well-formed but mistyped" — callers can say so without looking anything up.
 */
export function parseContractNumber(input: string): ParsedContractNumber {
  const compact = input.normalize("NFKC").replace(DASHES, "-").replace(/\s+/g, "");
  const m = SHAPE.exec(compact);
  if (!m) return { ok: false, reason: "FORMAT" };
  const [, year, seq, check] = m;
  if (year.startsWith("0") || /^0+$/.test(seq)) return { ok: false, reason: "FORMAT" };
  if (!isDammValid(year + seq + check)) return { ok: false, reason: "CHECK_DIGIT" };
  return { ok: true, value: `${year}-${seq}-${check}`, fiscalYear: Number(year), sequence: Number(seq) };
}
