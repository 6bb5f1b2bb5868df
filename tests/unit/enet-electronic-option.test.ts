/** What the form does with 「電子交付を希望する」 as 発注者・入札日・種別・契約保証 change (the same rules as the server). */
import { describe, expect, it } from "vitest";
import { describeElectronicOption } from "@/lib/guarantee-application/describe-electronic-option";
import type { ElectronicDeliveryRuleInput } from "@/lib/orderer/check-eligibility";

const KAGOSHIMA: ElectronicDeliveryRuleInput = {
  acceptsElectronic: true,
  startDate: "2024-12-01",
  workCategories: ["CONSTRUCTION", "CONSULTING"],
  guaranteeTypes: ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT"],
};
const PAPER_ONLY: ElectronicDeliveryRuleInput = { acceptsElectronic: false, startDate: null, workCategories: [], guaranteeTypes: [] };
const ADVANCE_ONLY: ElectronicDeliveryRuleInput = { ...KAGOSHIMA, guaranteeTypes: ["ADVANCE_PAYMENT"], workCategories: ["CONSTRUCTION"] };

const base = {
  menu: "ADVANCE" as const,
  withContractGuarantee: false,
  ordererChosen: true,
  rule: KAGOSHIMA,
  bidDate: "2024-12-01",
  workCategory: "CONSTRUCTION" as const,
};

describe("describeElectronicOption", () => {
  it("鹿児島市: the day before the start date is refused with the published reason; the start date is eligible", () => {
    expect(describeElectronicOption({ ...base, bidDate: "2024-11-30" })).toEqual({
      state: "REFUSED",
      code: "BID_DATE_BEFORE_START",
      message: "この発注者の電子保証は令和6年12月1日以降に入札を行う案件が対象です",
    });
    expect(describeElectronicOption({ ...base, bidDate: "2024-12-01" })).toEqual({ state: "ELIGIBLE", message: null });
    expect(describeElectronicOption({ ...base, bidDate: "２０２４年１２月１日" }).state).toBe("ELIGIBLE");
  });

  it("a paper-only orderer refuses whatever else is entered", () => {
    expect(describeElectronicOption({ ...base, rule: PAPER_ONLY })).toMatchObject({ state: "REFUSED", message: "この発注者は電子保証に対応していません" });
    expect(describeElectronicOption({ ...base, rule: null }).state).toBe("REFUSED");
  });

  it("what is not entered yet only makes it pending (the option stays usable, a draft keeps its choice)", () => {
    expect(describeElectronicOption({ ...base, ordererChosen: false, rule: null })).toMatchObject({
      state: "PENDING",
      message: "発注者を選択すると電子交付の可否を判定します",
    });
    expect(describeElectronicOption({ ...base, bidDate: "" })).toMatchObject({ state: "PENDING", code: "BID_DATE_MISSING" });
    expect(describeElectronicOption({ ...base, bidDate: "2024-13-45" })).toMatchObject({ state: "PENDING", code: "BID_DATE_MISSING" });
    expect(describeElectronicOption({ ...base, workCategory: null })).toMatchObject({ state: "PENDING", code: "WORK_CATEGORY_MISSING" });
  });

  it("ticking 契約保証 is judged too: an orderer taking only 前払金保証 refuses it", () => {
    expect(describeElectronicOption({ ...base, rule: ADVANCE_ONLY }).state).toBe("ELIGIBLE");
    expect(describeElectronicOption({ ...base, rule: ADVANCE_ONLY, withContractGuarantee: true })).toMatchObject({
      state: "REFUSED",
      message: "この発注者の電子保証は契約保証を対象としていません",
    });
    expect(describeElectronicOption({ ...base, rule: ADVANCE_ONLY, menu: "INTERMEDIATE" })).toMatchObject({
      state: "REFUSED",
      message: "この発注者の電子保証は中間前払金保証を対象としていません",
    });
    expect(describeElectronicOption({ ...base, rule: ADVANCE_ONLY, workCategory: "CONSULTING" })).toMatchObject({
      state: "REFUSED",
      code: "WORK_CATEGORY_NOT_ACCEPTED",
    });
  });
});
