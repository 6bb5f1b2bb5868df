/**
 * Dates in Japanese business documents.
 *
 * Two kinds of value meet here: calendar dates (入札日, 契約日, 工期, 保証期間), which Prisma returns for `@db.Date` as a
 * `Date` at UTC midnight, and instants (締結日時, 発行日時). Everything shown to users is in Japan time.
 */

// Japan has kept no daylight saving time since 1951, so a fixed offset is exact for every date this service shows.
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type CalendarDate = { year: number; month: number; day: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Japanese eras from newest to oldest; `start` is the first day (inclusive) as YYYY-MM-DD. */
const ERAS = [
  { name: "令和", start: "2019-05-01", firstYear: 2019 },
  { name: "平成", start: "1989-01-08", firstYear: 1989 },
  { name: "昭和", start: "1926-12-25", firstYear: 1926 },
] as const;

function jstParts(instant: Date): CalendarDate & { hour: number; minute: number } {
  assertValidDate(instant);
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

function assertValidDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError("Invalid Date");
}

function parseIsoDate(iso: string): CalendarDate {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches dates that do not exist.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${iso}`);
  }
  return { year, month, day };
}

/**
 * A `Date` is read in Japan time: a `@db.Date` value (UTC midnight) is 09:00 JST on the same day, and an instant
 * lands on the day it was in Japan.
 */
function toCalendarDate(date: Date | string): CalendarDate {
  return typeof date === "string" ? parseIsoDate(date) : jstParts(date);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function isoOf({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** `令和6年12月1日`; the first year of an era is 元年 (`令和元年5月1日`). */
export function formatWareki(date: Date | string): string {
  const cal = toCalendarDate(date);
  const iso = isoOf(cal);
  const era = ERAS.find((e) => iso >= e.start);
  if (!era) throw new RangeError(`date before 昭和: ${iso}`);
  const eraYear = cal.year - era.firstYear + 1;
  return `${era.name}${eraYear === 1 ? "元" : eraYear}年${cal.month}月${cal.day}日`;
}

/** `令和6年12月1日（2024年12月1日）` — the form used on certificates, where both calendars avoid misreading. */
export function formatWarekiWithSeireki(date: Date | string): string {
  const cal = toCalendarDate(date);
  return `${formatWareki(date)}（${cal.year}年${cal.month}月${cal.day}日）`;
}

/** `2024年12月1日 09:05` in Japan time. */
export function formatDateTimeJst(instant: Date): string {
  const p = jstParts(instant);
  return `${p.year}年${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** YYYY-MM-DD of a calendar date stored as UTC midnight (`@db.Date`). For "today" use `todayJst()`. */
export function toIsoDate(date: Date): string {
  assertValidDate(date);
  return isoOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** Today's date in Japan as YYYY-MM-DD; `now` is injectable for tests. */
export function todayJst(now: Date = new Date()): string {
  return isoOf(jstParts(now));
}

/** The year, month and day an instant falls on in Japan (shared with 年度 computation). */
export function calendarDateInJst(instant: Date): CalendarDate {
  const { year, month, day } = jstParts(instant);
  return { year, month, day };
}
