import { describe, expect, it } from "vitest";
import { checkElectronicEligibility, type ElectronicDeliveryRuleInput } from "@/lib/orderer/check-eligibility";

/** 鹿児島市 (DOMAIN.md §4): bids from 2024-12-01, 工事 and 建設コンサルタント業務, 前払金・中間前払金・契約保証. */
const KAGOSHIMA: ElectronicDeliveryRuleInput = {
  acceptsElectronic: true,
  startDate: "2024-12-01",
  workCategories: ["CONSTRUCTION", "CONSULTING"],
  guaranteeTypes: ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT"],
};

const ADVANCE_APPLICATION = {
  rule: KAGOSHIMA,
  bidDate: "2024-12-01",
  workCategory: "CONSTRUCTION" as const,
  guaranteeTypes: ["ADVANCE_PAYMENT" as const],
};

describe("checkElectronicEligibility — 鹿児島市-like orderer", () => {
  it("refuses a bid on 2024-11-30, giving the start date in 和暦", () => {
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, bidDate: "2024-11-30" })).toEqual({
      eligible: false,
      code: "BID_DATE_BEFORE_START",
      reason: "この発注者の電子保証は令和6年12月1日以降に入札を行う案件が対象です",
    });
  });

  it("accepts a bid on 2024-12-01 (the start date itself) and later", () => {
    expect(checkElectronicEligibility(ADVANCE_APPLICATION)).toEqual({ eligible: true });
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, bidDate: "2025-04-01" })).toEqual({ eligible: true });
  });

  it("reads the bid date as typed (全角, slashes, 年月日)", () => {
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, bidDate: "２０２４年１２月１日" }).eligible).toBe(true);
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, bidDate: "2024/11/30" }).eligible).toBe(false);
  });

  it("takes Prisma's @db.Date values (UTC midnight) for both dates", () => {
    const rule = { ...KAGOSHIMA!, startDate: new Date("2024-12-01T00:00:00Z") };
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule, bidDate: new Date("2024-12-01T00:00:00Z") })).toEqual({
      eligible: true,
    });
    expect(
      checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule, bidDate: new Date("2024-11-30T00:00:00Z") }).eligible,
    ).toBe(false);
  });

  it("accepts 建設コンサルタント業務 and every type it lists, together", () => {
    expect(
      checkElectronicEligibility({
        ...ADVANCE_APPLICATION,
        workCategory: "CONSULTING",
        guaranteeTypes: ["ADVANCE_PAYMENT", "CONTRACT"],
      }),
    ).toEqual({ eligible: true });
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, guaranteeTypes: ["INTERMEDIATE_ADVANCE"] }).eligible).toBe(true);
  });

  it("waits for 入札日 before deciding", () => {
    for (const bidDate of [undefined, null, "", "  ", "2024-13-01"]) {
      expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, bidDate })).toEqual({
        eligible: false,
        code: "BID_DATE_MISSING",
        reason: "入札日を入力すると電子交付の可否を判定します",
      });
    }
  });

  it("waits for 工事の種別 before deciding", () => {
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, workCategory: undefined })).toMatchObject({
      eligible: false,
      code: "WORK_CATEGORY_MISSING",
    });
  });
});

describe("checkElectronicEligibility — refusals", () => {
  it("never allows 契約保証予約, even where the orderer takes everything else", () => {
    const everything: ElectronicDeliveryRuleInput = {
      acceptsElectronic: true,
      startDate: null,
      workCategories: ["CONSTRUCTION", "CONSULTING"],
      guaranteeTypes: ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT", "CONTRACT_RESERVATION"],
    };
    expect(
      checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule: everything, guaranteeTypes: ["CONTRACT_RESERVATION"] }),
    ).toEqual({ eligible: false, code: "RESERVATION_NEVER_ELECTRONIC", reason: "契約保証予約は電子交付の対象外です" });
    expect(
      checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule: null, guaranteeTypes: ["CONTRACT_RESERVATION"] }).eligible,
    ).toBe(false);
  });

  it("refuses an orderer with no rule, or a paper-only one", () => {
    const expected = { eligible: false, code: "ORDERER_NOT_ELECTRONIC", reason: "この発注者は電子保証に対応していません" };
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule: null })).toEqual(expected);
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule: { ...KAGOSHIMA!, acceptsElectronic: false } })).toEqual(
      expected,
    );
  });

  it("refuses a work category the orderer does not take, naming it", () => {
    const constructionOnly = { ...KAGOSHIMA!, workCategories: ["CONSTRUCTION" as const] };
    expect(
      checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule: constructionOnly, workCategory: "CONSULTING" }),
    ).toEqual({
      eligible: false,
      code: "WORK_CATEGORY_NOT_ACCEPTED",
      reason: "この発注者の電子保証は工事の種別「建設コンサルタント業務」を対象としていません",
    });
  });

  it("refuses when any requested guarantee type is not taken, naming it", () => {
    const advanceOnly = { ...KAGOSHIMA!, guaranteeTypes: ["ADVANCE_PAYMENT" as const] };
    expect(
      checkElectronicEligibility({
        ...ADVANCE_APPLICATION,
        rule: advanceOnly,
        guaranteeTypes: ["ADVANCE_PAYMENT", "CONTRACT"],
      }),
    ).toEqual({
      eligible: false,
      code: "GUARANTEE_TYPE_NOT_ACCEPTED",
      reason: "この発注者の電子保証は契約保証を対象としていません",
    });
  });

  it("has no start date restriction when the rule has none", () => {
    const always = { ...KAGOSHIMA!, startDate: null };
    expect(checkElectronicEligibility({ ...ADVANCE_APPLICATION, rule: always, bidDate: "2000-01-01" })).toEqual({
      eligible: true,
    });
  });
});
