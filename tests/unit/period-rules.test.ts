import { describe, expect, it } from "vitest";
import { checkPeriodNotEnded } from "@/lib/guarantee-application/period-rules";

describe("checkPeriodNotEnded (確認 refuses a guarantee whose 工期（至） has passed)", () => {
  it("accepts a 工期（至） of today or later", () => {
    expect(checkPeriodNotEnded({ periodTo: "2026-12-07", today: "2026-12-07" })).toBeNull();
    expect(checkPeriodNotEnded({ periodTo: "2027-09-30", today: "2026-12-07" })).toBeNull();
  });

  it("refuses one that ended yesterday, naming the date in 和暦", () => {
    expect(checkPeriodNotEnded({ periodTo: "2026-12-06", today: "2026-12-07" })).toBe(
      "工期（至）（令和8年12月6日）は既に過ぎています。保証期間は工期（至）までのため、保証期間が終わった保証は申し込めません。工期をご確認ください",
    );
  });
});
