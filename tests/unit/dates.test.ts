import { describe, expect, it } from "vitest";
import { formatDateTimeJst, formatWareki, formatWarekiWithSeireki, toIsoDate, todayJst } from "@/lib/dates";

/** A calendar date as Prisma returns `@db.Date`: UTC midnight. */
const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("formatWareki", () => {
  it.each([
    ["2024-12-01", "令和6年12月1日"],
    ["2019-05-01", "令和元年5月1日"],
    ["2019-12-31", "令和元年12月31日"],
    ["2020-01-01", "令和2年1月1日"],
    ["2019-04-30", "平成31年4月30日"],
    ["1989-01-08", "平成元年1月8日"],
    ["1989-12-31", "平成元年12月31日"],
    ["1990-01-01", "平成2年1月1日"],
    ["1989-01-07", "昭和64年1月7日"],
    ["1926-12-25", "昭和元年12月25日"],
    ["2000-02-29", "平成12年2月29日"],
    ["2118-04-01", "令和100年4月1日"],
  ])("%s → %s", (iso, wareki) => {
    expect(formatWareki(iso)).toBe(wareki);
    expect(formatWareki(dbDate(iso))).toBe(wareki);
  });

  it("reads an instant on the day it is in Japan", () => {
    // 2019-04-30T15:00Z is 2019-05-01 00:00 in Japan: the first moment of 令和.
    expect(formatWareki(new Date("2019-04-30T15:00:00Z"))).toBe("令和元年5月1日");
    expect(formatWareki(new Date("2019-04-30T14:59:59.999Z"))).toBe("平成31年4月30日");
  });

  it.each(["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-12-1", "令和6年12月1日", ""])(
    "rejects %j",
    (input) => {
      expect(() => formatWareki(input)).toThrow(RangeError);
    },
  );

  it("rejects dates before 昭和 and invalid Dates", () => {
    expect(() => formatWareki("1926-12-24")).toThrow(RangeError);
    expect(() => formatWareki(new Date("nope"))).toThrow(RangeError);
  });
});

describe("formatWarekiWithSeireki", () => {
  it("adds the Western date in full-width parentheses", () => {
    expect(formatWarekiWithSeireki("2024-12-01")).toBe("令和6年12月1日（2024年12月1日）");
    expect(formatWarekiWithSeireki(dbDate("2019-05-01"))).toBe("令和元年5月1日（2019年5月1日）");
  });
});

describe("formatDateTimeJst", () => {
  it.each([
    ["2024-12-01T00:05:00Z", "2024年12月1日 09:05"],
    ["2024-11-30T15:00:00Z", "2024年12月1日 00:00"],
    ["2024-12-31T14:59:59Z", "2024年12月31日 23:59"],
    ["2024-12-31T15:00:00Z", "2025年1月1日 00:00"],
    ["2024-02-28T20:30:00Z", "2024年2月29日 05:30"],
  ])("%s → %s", (iso, text) => {
    expect(formatDateTimeJst(new Date(iso))).toBe(text);
  });
});

describe("toIsoDate", () => {
  it("gives the calendar date of a @db.Date value", () => {
    expect(toIsoDate(dbDate("2024-12-01"))).toBe("2024-12-01");
    expect(toIsoDate(dbDate("0999-01-05"))).toBe("0999-01-05");
    expect(toIsoDate(new Date(Date.UTC(2025, 2, 31)))).toBe("2025-03-31");
  });

  it("rejects an invalid Date", () => {
    expect(() => toIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("todayJst", () => {
  it("is the date in Japan, which runs 9 hours ahead of UTC", () => {
    expect(todayJst(new Date("2024-11-30T14:59:59Z"))).toBe("2024-11-30");
    expect(todayJst(new Date("2024-11-30T15:00:00Z"))).toBe("2024-12-01");
    expect(todayJst()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
