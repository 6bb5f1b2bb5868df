/** Months of the 保証料計算書 in Japan time, the scheduler's due month, and the subject of the key notice mail. */
import { describe, expect, it } from "vitest";
import { dueMonth, formatMonthLabel, monthOfJst, monthRangeJst, nextMonth, previousMonth } from "@/lib/fee-statement/month";
import { ZGenerateFeeStatementsSchema } from "@/lib/fee-statement/schemas";
import { formatKeyNoticeSubject } from "@/lib/orderer/format-key-notice-subject";

describe("fee statement months", () => {
  it("cut months at midnight in Japan", () => {
    expect(monthRangeJst("2024-12")).toEqual({ start: new Date("2024-11-30T15:00:00Z"), end: new Date("2024-12-31T15:00:00Z") });
    expect(monthOfJst(new Date("2024-12-31T14:59:59Z"))).toBe("2024-12");
    expect(monthOfJst(new Date("2024-12-31T15:00:00Z"))).toBe("2025-01");
    expect(previousMonth("2025-01")).toBe("2024-12");
    expect(nextMonth("2024-12")).toBe("2025-01");
    expect(formatMonthLabel("2025-06")).toBe("2025年6月");
  });

  it("makes last month due on the 1st once it has settled", () => {
    expect(dueMonth(new Date("2025-06-30T15:05:00Z"))).toBeNull(); // 00:05 JST on 1 July
    expect(dueMonth(new Date("2025-06-30T15:10:00Z"))).toBe("2025-06");
    expect(dueMonth(new Date("2025-07-20T00:00:00Z"))).toBe("2025-06");
  });

  it("reads the month staff type", () => {
    expect(ZGenerateFeeStatementsSchema.parse({ month: "２０２５年６月" }).month).toBe("2025-06");
    expect(ZGenerateFeeStatementsSchema.parse({ month: "2025/6" }).month).toBe("2025-06");
    expect(ZGenerateFeeStatementsSchema.safeParse({ month: "2025-13" }).success).toBe(false);
  });
});

describe("the subject of the key notice mail", () => {
  const values = { guaranteeTypeLabel: "前払金保証", workName: "市道武岡線道路改良工事", contractNumber: "2025-0000001-3" };
  it("follows the orderer's template", () => {
    expect(formatKeyNoticeSubject("【{guaranteeType}】{workName}", values)).toBe("【前払金保証】市道武岡線道路改良工事");
    expect(formatKeyNoticeSubject("認証キー送付 {contractNumber}（{unknown}）", values)).toBe("認証キー送付 2025-0000001-3（{unknown}）");
    expect(formatKeyNoticeSubject(null, values)).toBe("【前払金保証】市道武岡線道路改良工事");
  });
  it("cannot carry a line break into the mail header", () => {
    expect(formatKeyNoticeSubject("{workName}", { ...values, workName: "工事\r\nBcc: x@example.com" })).toBe("工事 Bcc: x@example.com");
  });
});
