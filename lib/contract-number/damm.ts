/**
 * Damm check digit. The table is a totally anti-symmetric quasigroup of order 10 (H. Michael Damm, 2004): with it a
 * single check digit catches every single-digit error and every transposition of two adjacent digits.
 */
const TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function interim(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError("Damm input must be ASCII digits");
  let state = 0;
  for (let i = 0; i < digits.length; i++) state = TABLE[state][digits.charCodeAt(i) - 48];
  return state;
}

/** The digit to append to `digits`. */
export function dammCheckDigit(digits: string): number {
  return interim(digits);
}

/** True when the last digit is the Damm check digit of the ones before it. */
export function isDammValid(digitsWithCheck: string): boolean {
  return /^\d{2,}$/.test(digitsWithCheck) && interim(digitsWithCheck) === 0;
}
