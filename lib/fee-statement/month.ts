/**
 * Months of the 保証料計算書 (YYYY-MM), in Japan time: a conclusion at 2024-12-31 23:30 JST belongs to December
 * even though it is 14:30 UTC. Pure, so the scheduler and the tests agree on every boundary.
 */
import { calendarDateInJst } from "@/lib/dates";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

function parts(month: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a YYYY-MM month: ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

function format(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** The month an instant falls in, in Japan. */
export function monthOfJst(instant: Date): string {
  const d = calendarDateInJst(instant);
  return format(d.year, d.month);
}

/** The month before `month`. */
export function previousMonth(month: string): string {
  const { year, month: m } = parts(month);
  return m === 1 ? format(year - 1, 12) : format(year, m - 1);
}

/** The month after `month`. */
export function nextMonth(month: string): string {
  const { year, month: m } = parts(month);
  return m === 12 ? format(year + 1, 1) : format(year, m + 1);
}

/** [start, end) of a month in Japan, as instants: 2024-12 → 2024-11-30T15:00Z … 2024-12-31T15:00Z. */
export function monthRangeJst(month: string): { start: Date; end: Date } {
  const { year, month: m } = parts(month);
  const start = new Date(Date.UTC(year, m - 1, 1) - JST_OFFSET_MS);
  const end = new Date(Date.UTC(m === 12 ? year + 1 : year, m === 12 ? 0 : m, 1) - JST_OFFSET_MS);
  return { start, end };
}

/** 2024-12 → 2024年12月 */
export function formatMonthLabel(month: string): string {
  const { year, month: m } = parts(month);
  return `${year}年${m}月`;
}

/**
 * Statements for a month are written this long after it ends, so that a conclusion or approval that started just
 * before midnight on the last day (and committed just after) is in them.
 */
export const FEE_STATEMENT_SETTLE_MS = 10 * 60_000;

/**
 * The month whose statements are due at `now`: the previous month (JST), once it has settled; otherwise null
 * (the first minutes of the 1st: the month before is not settled yet).
 */
export function dueMonth(now: Date): string | null {
  const month = previousMonth(monthOfJst(now));
  return now.getTime() >= monthRangeJst(month).end.getTime() + FEE_STATEMENT_SETTLE_MS ? month : null;
}
