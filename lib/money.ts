/**
 * Integer yen. Amounts arrive as `number` or, from Prisma `BigInt` columns, as `bigint`.
 */

/** The largest amount the service accepts anywhere (¥100,000,000,000). */
export const MAX_YEN = 100_000_000_000;

function groupDigits(amount: number | bigint): string {
  if (typeof amount === "number" && !Number.isSafeInteger(amount)) {
    throw new RangeError(`yen must be a safe integer: ${amount}`);
  }
  const negative = amount < 0;
  const digits = String(negative ? -amount : amount);
  return (negative ? "-" : "") + digits.replace(/\B(?=(\d{3})+$)/g, ",");
}

/** `￥12,340,000` (full-width yen sign, as on printed certificates). */
export function formatYenMark(amount: number | bigint): string {
  const grouped = groupDigits(amount);
  return grouped.startsWith("-") ? `-￥${grouped.slice(1)}` : `￥${grouped}`;
}

/** `12,340,000円`. */
export function formatYen(amount: number | bigint): string {
  return `${groupDigits(amount)}円`;
}

// After NFKC: full-width digits, commas and ￥ are ASCII (￥ becomes U+00A5 ¥). A backslash is accepted as a yen
// sign because Japanese fonts draw U+005C as ¥, so text copied from such screens carries it.
const YEN_INPUT = /^[¥\\]?(\d+|\d{1,3}(?:,\d{3})+)(?:円)?$/;

/**
 * Reads an amount typed by a person: `１２，３４０，０００円`, `￥12,340,000`, `12340000`.
 * Commas must sit at thousands, so a slip like `12,34,000` is rejected rather than guessed.
 * Returns null for anything that is not a whole number of yen from 0 to ¥100,000,000,000.
 */
export function parseYen(input: string): number | null {
  const compact = input.normalize("NFKC").replace(/\s+/g, "");
  const m = YEN_INPUT.exec(compact);
  if (!m) return null;
  const digits = m[1].replaceAll(",", "");
  // Compare as text first: a long digit string would lose precision as a number.
  if (digits.replace(/^0+(?=\d)/, "").length > String(MAX_YEN).length) return null;
  const value = Number(digits);
  return value <= MAX_YEN ? value : null;
}
