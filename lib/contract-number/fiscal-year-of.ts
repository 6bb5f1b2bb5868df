import { calendarDateInJst } from "@/lib/dates";

/** 年度 (April to March) of an instant, taken in Japan time: 2025-03-31 JST is 2024年度, 2025-04-01 JST is 2025年度. */
export function fiscalYearOf(date: Date): number {
  const { year, month } = calendarDateInJst(date);
  return month >= 4 ? year : year - 1;
}
