/**
 * Normalising what people type into Japanese forms. Pure and framework-free: the same functions run in the browser
 * (live feedback) and in server actions (the zod schemas preprocess every field through them).
 *
 * Two kinds of input. Numbers, dates, amounts and codes go through NFKC first: it turns full-width digits, letters,
 * commas, hyphens and the ideographic space into ASCII, and ￥ (U+FFE5) into ¥ (U+00A5), so the parsers below only
 * need to know the ASCII forms. Free text (工事名 …) is kept as typed: `normalizeText` / `normalizeMultilineText`.
 */

export function nfkc(s: string): string {
  return s.normalize("NFKC");
}

// Line breaks and tabs are whitespace to a one-line field, so they become a space rather than gluing words together;
// so do the invisible-width Unicode spaces (no-break, en/em/thin …), which only make two equal-looking texts differ.
// The ideographic space U+3000 (全角スペース) is a character people type on purpose in Japanese names: it stays.
const CONTROL_AS_SPACE = /[\t\n\v\f\r\u0085\u2028\u2029\u00A0\u1680\u2000-\u200A\u202F\u205F]/g;
// The remaining C0/C1 controls, zero-width space, BOM/word joiner, and bidi overrides (which can make a 工事名 shown
// to an orderer read differently from what is stored) carry no meaning in a form field.
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
// A run of spaces (ASCII or 全角) becomes its first character: 「改良工事　　第2工区」 keeps one 全角スペース.
const SPACE_RUN = /([ \u3000])[ \u3000]+/g;
// 半角カタカナ (with its voiced marks) is the one thing free text is allowed to lose: it becomes 全角, which is how
// every contract document writes it. NFKC is applied to those runs only.
const HALF_WIDTH_KATAKANA = /[\uFF61-\uFF9F]+/g;

function freeLine(line: string): string {
  return line
    .replace(CONTROL_AS_SPACE, " ")
    .replace(INVISIBLE, "")
    .replace(HALF_WIDTH_KATAKANA, (run) => run.normalize("NFKC"))
    .replace(SPACE_RUN, "$1")
    .trim();
}

/**
 * Free text on one line (工事名, 工事場所, 会社名, 氏名 …), kept as the person typed it: a 工事名 on a guarantee
 * certificate must match the 工事請負契約書 character for character, so full-width brackets, 全角スペース, Ⅱ, ㈱, ①
 * and 𠮷 all stay. Only invisible and control characters go, runs of spaces collapse, the ends are trimmed and
 * 半角カタカナ becomes 全角. Not even NFC: it would turn CJK compatibility ideographs (神 U+FA19 …) into their
 * unified forms. Not NFKC: that is `normalizeCode`, for numbers, dates, amounts and codes.
 */
export function normalizeText(s: string): string {
  return freeLine(s);
}

/**
 * Multi-line free text (連絡事項, 理由): like `normalizeText`, but line breaks survive (as `\n`); each line is
 * collapsed and trimmed, and more than one empty line in a row is folded to one.
 */
export function normalizeMultilineText(s: string): string {
  return s
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n")
    .split("\n")
    .map(freeLine)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A code, number or address typed into a one-line field (e-mail, 電話番号, 許可番号, a search for a 保証契約番号):
 * NFKC first, so full-width digits, letters, hyphens and the ideographic space become ASCII, then as `normalizeText`.
 */
export function normalizeCode(s: string): string {
  return freeLine(nfkc(s));
}

/** Number of characters as a person counts them (code points, so 𠮷 is one), which is also how Postgres counts. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// After NFKC and removing spaces: optional sign, optional ¥ (or the backslash Japanese fonts draw as ¥),
// digits either plain or grouped by thousands, optional 円.
const YEN_INPUT = /^([-\u2212]?)[¥\\]?(\d+|\d{1,3}(?:,\d{3})+)円?$/;

/**
 * Reads an amount of yen as typed: `１２，３４０，０００円`, `￥12,340,000`, `12 340 000`, `12340000`.
 * Integer only; commas must sit at thousands (`12,34,000` is a slip, not a number), so it is rejected, not guessed.
 * Returns null for empty or unreadable input. A readable amount is returned even when it is out of range (negative,
 * zero, too large) so the caller can say *why* it is wrong; one too long to be exact comes back as ±Infinity, which
 * every limit check rejects.
 */
export function parseYenInput(s: string): number | null {
  const compact = nfkc(s).replace(/\s+/g, "");
  const m = YEN_INPUT.exec(compact);
  if (!m) return null;
  const sign = m[1] === "" ? 1 : -1;
  const digits = m[2].replaceAll(",", "").replace(/^0+(?=\d)/, "");
  // 16+ digits may not be representable exactly; no valid amount is anywhere near that long.
  if (digits.length > 15) return sign * Number.POSITIVE_INFINITY;
  const value = sign * Number(digits);
  return Object.is(value, -0) ? 0 : value;
}

const DATE_PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a calendar date as typed: `2024-12-01`, `2024/12/1`, `２０２４年１２月１日` (spaces allowed).
 * Returns `YYYY-MM-DD`, or null when empty, unreadable or not a real date (2023-02-29, 2024-13-01).
 */
export function parseDateInput(s: string): string | null {
  const compact = nfkc(s).replace(/\s+/g, "");
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(compact);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return `${m[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }
  return null;
}
