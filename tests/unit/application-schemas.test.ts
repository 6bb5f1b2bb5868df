import { describe, expect, expectTypeOf, it } from "vitest";
import {
  APPLICATION_MENUS,
  APPLICATION_STATUSES,
  DELIVERY_METHODS,
  GUARANTEE_TYPES,
  WORK_CATEGORIES,
} from "@/lib/guarantee-application/codes";
import {
  APPLICATION_STATUS_LABELS,
  DELIVERY_METHOD_LABELS,
  GUARANTEE_TYPE_LABELS,
  WORK_CATEGORY_LABELS,
} from "@/lib/guarantee-application/labels";
import {
  FIELD_LABELS,
  FORM_ERROR_KEY,
  guaranteeKindsFor,
  toFieldErrors,
  ZApplicationDraftSchema,
  ZApplicationSubmitSchema,
  type TApplicationSubmit,
} from "@/lib/guarantee-application/schemas";
import type * as PrismaEnums from "@/lib/generated/prisma/enums";

const ORDERER = "0b4c8a52-3f7e-4c55-9a41-2d9b6e0c1a01";
const DEPARTMENT = "6f1d2e3c-4b5a-4968-8776-5a4b3c2d1e0f";
const BASE_CONTRACT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

/** What the menu-1 form posts, as FormData → Object.fromEntries gives it (strings; unchecked boxes absent). */
function menu1Form(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const form: Record<string, string | undefined> = {
    menu: "ADVANCE",
    ordererId: ORDERER,
    departmentId: DEPARTMENT,
    workName: "市道甲突線道路改良工事（その２）",
    workLocation: "鹿児島市山下町",
    workCategory: "CONSTRUCTION",
    bidDate: "2024-12-10",
    contractDate: "2024-12-20",
    periodFrom: "2024-12-21",
    periodTo: "2025-03-31",
    contractAmount: "10,000,000",
    advanceAmount: "4,000,000",
    deliveryMethod: "ELECTRONIC",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

function fromFormData(entries: Record<string, string>): Record<string, FormDataEntryValue> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return Object.fromEntries(fd);
}

function errorsOf(input: unknown): Record<string, string[]> {
  const result = ZApplicationSubmitSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? {} : toFieldErrors(result.error);
}

function parsed(input: unknown): TApplicationSubmit {
  const result = ZApplicationSubmitSchema.safeParse(input);
  if (!result.success) throw new Error(JSON.stringify(toFieldErrors(result.error)));
  return result.data;
}

describe("ZApplicationSubmitSchema — a complete menu-1 application", () => {
  it("accepts the form as FormData posts it and yields typed values", () => {
    const data = parsed(fromFormData(menu1Form()));
    expect(data).toMatchObject({
      menu: "ADVANCE",
      withContractGuarantee: false,
      lowBidInvestigation: false,
      contractAmount: 10_000_000,
      advanceAmount: 4_000_000,
      periodTo: "2025-03-31",
      deliveryMethod: "ELECTRONIC",
    });
  });

  it("reads 全角 digits, commas, 円, ￥ and spaces in amounts and dates", () => {
    const data = parsed(
      menu1Form({
        contractAmount: "１２，３４０，０００円",
        advanceAmount: " ￥４，９３６，０００ ",
        bidDate: "２０２４年１２月１０日",
        contractDate: "2024/12/20",
        periodFrom: "２０２４／１２／２１",
      }),
    );
    expect(data.contractAmount).toBe(12_340_000);
    expect(data.advanceAmount).toBe(4_936_000);
    expect(data.bidDate).toBe("2024-12-10");
    expect(data.contractDate).toBe("2024-12-20");
    expect(data.periodFrom).toBe("2024-12-21");
  });

  it("keeps text fields as typed (but for line breaks and trimmed ends) and keeps 連絡事項 line breaks", () => {
    const data = parsed(menu1Form({ workName: "　市道　甲突線\n改良工事　", notes: "よろしく\r\nお願いします" }));
    expect(data.workName).toBe("市道　甲突線 改良工事");
    expect(data.notes).toBe("よろしく\nお願いします");
  });

  it("keeps 工事名 with full-width brackets, 全角スペース, Ⅱ, ㈱ and 𠮷 character for character", () => {
    const workName = "鹿児島市道　改良工事（第３工区）第Ⅱ期 ㈱𠮷田 ①";
    const data = parsed(menu1Form({ workName, workLocation: "鹿児島市山下町（地内）", notes: "第Ⅱ期（㈱）" }));
    expect(data.workName).toBe(workName);
    expect(data.workLocation).toBe("鹿児島市山下町（地内）");
    expect(data.notes).toBe("第Ⅱ期（㈱）");
  });

  it("names every missing required field with its own Japanese message", () => {
    const errors = errorsOf({ menu: "ADVANCE" });
    expect(errors).toMatchObject({
      ordererId: ["発注者を選択してください"],
      departmentId: ["担当課を選択してください"],
      workName: ["工事名を入力してください"],
      workLocation: ["工事場所を入力してください"],
      workCategory: ["工事の種別を選択してください"],
      contractDate: ["契約日を入力してください"],
      periodFrom: ["工期（自）を入力してください"],
      periodTo: ["工期（至）を入力してください"],
      contractAmount: ["請負代金額を入力してください"],
      advanceAmount: ["前払金額を入力してください"],
      deliveryMethod: ["保証証書の受取方法を選択してください"],
    });
    expect(errors.bidDate).toBeUndefined(); // optional for 書面; required only for 電子交付 (checked once the method is known)
  });

  it("treats blank and whitespace-only fields as missing", () => {
    expect(errorsOf(menu1Form({ workName: " 　", contractAmount: "" }))).toMatchObject({
      workName: ["工事名を入力してください"],
      contractAmount: ["請負代金額を入力してください"],
    });
  });

  it("asks for 入札日 when 電子交付 is chosen, but not for 書面", () => {
    expect(errorsOf(menu1Form({ bidDate: undefined }))).toEqual({
      bidDate: ["電子交付を希望する場合は入札日を入力してください"],
    });
    expect(parsed(menu1Form({ bidDate: undefined, deliveryMethod: "PAPER" })).bidDate).toBeUndefined();
  });

  it("says what is wrong with an unreadable amount or date instead of throwing", () => {
    expect(errorsOf(menu1Form({ contractAmount: "一千万円", periodTo: "2025-02-30" }))).toEqual({
      contractAmount: ["請負代金額は数字で入力してください（例：12,340,000）"],
      periodTo: ["工期（至）は正しい日付で入力してください（例：2024-12-01）"],
    });
  });

  it("refuses an unknown 工事の種別 or 受取方法", () => {
    expect(errorsOf(menu1Form({ workCategory: "BUILDING", deliveryMethod: "FAX" }))).toEqual({
      workCategory: ["工事の種別の選択が正しくありません"],
      deliveryMethod: ["保証証書の受取方法の選択が正しくありません"],
    });
  });

  it("refuses an orderer id that is not a UUID (it would break the DB query)", () => {
    expect(errorsOf(menu1Form({ ordererId: "1 OR 1=1" }))).toEqual({ ordererId: ["発注者の選択が正しくありません"] });
  });
});

describe("ZApplicationSubmitSchema — limits that must give a message, not an exception", () => {
  it("refuses amounts over ¥100,000,000,000 with 「1,000億円以下で入力してください」", () => {
    const errors = errorsOf(menu1Form({ contractAmount: "100,000,000,001", advanceAmount: "9".repeat(30) }));
    expect(errors.contractAmount).toEqual(["1,000億円以下で入力してください"]);
    expect(errors.advanceAmount).toEqual(["1,000億円以下で入力してください"]);
  });

  it("accepts exactly ¥100,000,000,000", () => {
    expect(parsed(menu1Form({ contractAmount: "100,000,000,000" })).contractAmount).toBe(100_000_000_000);
  });

  it("refuses zero and negative amounts", () => {
    expect(errorsOf(menu1Form({ advanceAmount: "0" })).advanceAmount).toEqual(["前払金額は1円以上で入力してください"]);
    expect(errorsOf(menu1Form({ advanceAmount: "-1" })).advanceAmount).toEqual(["前払金額は1円以上で入力してください"]);
  });

  it("refuses text over its length, counting characters not UTF-16 units", () => {
    expect(errorsOf(menu1Form({ workName: "あ".repeat(201) })).workName).toEqual(["工事名は200文字以内で入力してください"]);
    expect(errorsOf(menu1Form({ workLocation: "x".repeat(10_000) })).workLocation).toEqual([
      "工事場所は200文字以内で入力してください",
    ]);
    expect(errorsOf(menu1Form({ notes: "メモ".repeat(501) })).notes).toEqual(["連絡事項は1000文字以内で入力してください"]);
    expect(parsed(menu1Form({ workName: "𠮷".repeat(200) })).workName).toHaveLength(400);
  });
});

describe("ZApplicationSubmitSchema — dates in order", () => {
  it("accepts 工期（自） = 工期（至） and refuses 工期（至） before 工期（自）", () => {
    expect(parsed(menu1Form({ periodFrom: "2025-03-31", periodTo: "2025-03-31" })).periodTo).toBe("2025-03-31");
    expect(errorsOf(menu1Form({ periodFrom: "2025-04-01", periodTo: "2025-03-31" }))).toEqual({
      periodTo: ["工期（至）は工期（自）以降の日付を入力してください"],
    });
  });

  it("accepts 入札日 = 契約日 and refuses 契約日 before 入札日", () => {
    expect(parsed(menu1Form({ bidDate: "2024-12-20", contractDate: "2024-12-20" })).contractDate).toBe("2024-12-20");
    expect(errorsOf(menu1Form({ bidDate: "2024-12-21", contractDate: "2024-12-20" }))).toEqual({
      contractDate: ["契約日は入札日以降の日付を入力してください"],
    });
  });

  it("compares the dates after reading them, whatever format each was typed in", () => {
    expect(errorsOf(menu1Form({ periodFrom: "２０２５年４月１日", periodTo: "2025/3/31" }))).toEqual({
      periodTo: ["工期（至）は工期（自）以降の日付を入力してください"],
    });
  });
});

describe("ZApplicationSubmitSchema — amount rules per menu", () => {
  it("menu 1 工事: 前払金額 of exactly 4/10 passes, one yen more fails on 前払金額", () => {
    expect(parsed(menu1Form({ advanceAmount: "4,000,000" })).advanceAmount).toBe(4_000_000);
    expect(Object.keys(errorsOf(menu1Form({ advanceAmount: "4,000,001" })))).toEqual(["advanceAmount"]);
  });

  it("menu 1 建設コンサルタント業務: exactly 3/10 passes, one yen more fails", () => {
    expect(parsed(menu1Form({ workCategory: "CONSULTING", advanceAmount: "3,000,000" })).advanceAmount).toBe(3_000_000);
    expect(errorsOf(menu1Form({ workCategory: "CONSULTING", advanceAmount: "3,000,001" })).advanceAmount?.[0]).toContain(
      "10分の3以下",
    );
  });

  it("menu 1 with 契約保証: exactly 1/10 passes, one yen less fails on 契約保証金額", () => {
    const withCg = { withContractGuarantee: "on" };
    const data = parsed(menu1Form({ ...withCg, contractGuaranteeAmount: "1,000,000" }));
    expect(data.menu === "ADVANCE" && data.contractGuaranteeAmount).toBe(1_000_000);
    expect(guaranteeKindsFor(data)).toEqual(["ADVANCE_PAYMENT", "CONTRACT"]);
    expect(errorsOf(menu1Form({ ...withCg, contractGuaranteeAmount: "999,999" })).contractGuaranteeAmount?.[0]).toContain(
      "10分の1以上",
    );
  });

  it("menu 1 with 契約保証 under 低入札価格調査: exactly 3/10 passes, one yen less fails", () => {
    const lowBid = { withContractGuarantee: "on", lowBidInvestigation: "on" };
    expect(parsed(menu1Form({ ...lowBid, contractGuaranteeAmount: "3,000,000" })).lowBidInvestigation).toBe(true);
    expect(errorsOf(menu1Form({ ...lowBid, contractGuaranteeAmount: "2,999,999" })).contractGuaranteeAmount?.[0]).toContain(
      "低入札価格調査",
    );
  });

  it("menu 1 with 契約保証 needs 契約保証金額, and refuses one above 請負代金額", () => {
    expect(errorsOf(menu1Form({ withContractGuarantee: "on" }))).toEqual({
      contractGuaranteeAmount: ["契約保証金額を入力してください"],
    });
    expect(errorsOf(menu1Form({ withContractGuarantee: "on", contractGuaranteeAmount: "10,000,001" }))).toEqual({
      contractGuaranteeAmount: ["契約保証金額は請負代金額以下で入力してください"],
    });
  });

  it("menu 1 without 契約保証 ignores a 契約保証金額 left in the form", () => {
    const data = parsed(menu1Form({ contractGuaranteeAmount: "5" }));
    expect(data.menu === "ADVANCE" && data.contractGuaranteeAmount).toBeUndefined();
    expect(guaranteeKindsFor(data)).toEqual(["ADVANCE_PAYMENT"]);
  });

  it("menu 2 needs the base guarantee and applies the 4/10 rule", () => {
    const form = menu1Form({ menu: "ADVANCE_AFTER_CONTRACT" });
    expect(errorsOf(form)).toEqual({ baseContractId: ["対象の保証契約を選択してください"] });
    const data = parsed({ ...form, baseContractId: BASE_CONTRACT });
    expect(guaranteeKindsFor(data)).toEqual(["ADVANCE_PAYMENT"]);
    expect(errorsOf({ ...form, baseContractId: BASE_CONTRACT, advanceAmount: "4000001" }).advanceAmount).toHaveLength(1);
  });

  describe("menu 3 中間前払金", () => {
    const menu3 = (intermediateAmount: string | undefined, advanceAmount = "4,000,000") =>
      menu1Form({ menu: "INTERMEDIATE", baseContractId: BASE_CONTRACT, advanceAmount, intermediateAmount });

    it("needs 中間前払金額 and the base guarantee", () => {
      expect(errorsOf(menu1Form({ menu: "INTERMEDIATE" }))).toEqual({
        baseContractId: ["対象の保証契約を選択してください"],
        intermediateAmount: ["中間前払金額を入力してください"],
      });
    });

    it("exactly 2/10 passes, one yen more fails", () => {
      const data = parsed(menu3("2,000,000"));
      expect(data.menu === "INTERMEDIATE" && data.intermediateAmount).toBe(2_000_000);
      expect(guaranteeKindsFor(data)).toEqual(["INTERMEDIATE_ADVANCE"]);
      expect(errorsOf(menu3("2,000,001", "1,000,000")).intermediateAmount).toEqual([
        "中間前払金額は請負代金額の10分の2以下（2,000,000円以下）で入力してください",
      ]);
    });

    it("前払金 + 中間前払金 of exactly 6/10 passes, one yen more fails", () => {
      expect(parsed(menu3("2,000,000", "4,000,000")).menu).toBe("INTERMEDIATE");
      // 4,000,001 + 2,000,000: only the total rule is broken (the advance is the one already guaranteed)
      expect(errorsOf(menu3("2,000,000", "4,000,001")).intermediateAmount).toEqual([
        "前払金額と中間前払金額の合計は請負代金額の10分の6以下（6,000,000円以下）で入力してください",
      ]);
    });
  });

  it("shows field errors and rule errors together, skipping rules whose fields are invalid", () => {
    const errors = errorsOf(
      menu1Form({ workName: "", advanceAmount: "4,000,001", periodFrom: "2025-04-01", contractAmount: "10,000,000" }),
    );
    expect(Object.keys(errors).sort()).toEqual(["advanceAmount", "periodTo", "workName"]);
    // with 請負代金額 unreadable, the 4/10 rule cannot be judged and stays silent
    expect(Object.keys(errorsOf(menu1Form({ contractAmount: "?", advanceAmount: "99,999,999" })))).toEqual([
      "contractAmount",
    ]);
  });

  it("refuses an unknown menu and a non-object with a form-level message", () => {
    expect(errorsOf({ ...menu1Form(), menu: "OTHER" })).toEqual({ menu: ["申込メニューが正しくありません"] });
    expect(errorsOf("menu=ADVANCE")).toEqual({ [FORM_ERROR_KEY]: ["申込内容を読み取れませんでした。画面を開き直してください"] });
    expect(errorsOf(null)).toHaveProperty(FORM_ERROR_KEY);
  });
});

describe("ZApplicationDraftSchema (一時保存)", () => {
  it("accepts an almost-empty form", () => {
    const result = ZApplicationDraftSchema.safeParse(fromFormData({ menu: "ADVANCE", workName: "", contractAmount: " " }));
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ menu: "ADVANCE", withContractGuarantee: false, lowBidInvestigation: false });
  });

  it("keeps what is given, normalised", () => {
    const result = ZApplicationDraftSchema.safeParse({ menu: "INTERMEDIATE", intermediateAmount: "２，０００，０００円", bidDate: "2024年12月1日" });
    expect(result.data).toMatchObject({ intermediateAmount: 2_000_000, bidDate: "2024-12-01" });
  });

  it("still refuses what is malformed: over-limit amounts, unreadable dates, over-long text", () => {
    const result = ZApplicationDraftSchema.safeParse({
      menu: "ADVANCE",
      contractAmount: "200,000,000,000",
      periodFrom: "2024-02-30",
      workName: "工".repeat(201),
    });
    expect(result.success).toBe(false);
    expect(result.success || toFieldErrors(result.error)).toEqual({
      contractAmount: ["1,000億円以下で入力してください"],
      periodFrom: ["工期（自）は正しい日付で入力してください（例：2024-12-01）"],
      workName: ["工事名は200文字以内で入力してください"],
    });
  });

  it("does not apply the rules between fields (they are checked on 確認)", () => {
    const result = ZApplicationDraftSchema.safeParse({
      menu: "ADVANCE",
      contractAmount: "10,000,000",
      advanceAmount: "9,000,000",
      periodFrom: "2025-04-01",
      periodTo: "2025-03-31",
    });
    expect(result.success).toBe(true);
  });

  it("needs the menu, which decides the form the draft reopens in", () => {
    const result = ZApplicationDraftSchema.safeParse({});
    expect(result.success || toFieldErrors(result.error)).toEqual({ menu: ["申込メニューが正しくありません"] });
  });
});

describe("checkbox values", () => {
  it.each([
    ["on", true],
    ["true", true],
    ["", false],
    ["off", false],
  ])("reads %j as %s", (value, expected) => {
    const result = ZApplicationDraftSchema.safeParse({ menu: "ADVANCE", lowBidInvestigation: value });
    expect(result.data?.lowBidInvestigation).toBe(expected);
  });

  it("refuses anything else", () => {
    const result = ZApplicationDraftSchema.safeParse({ menu: "ADVANCE", lowBidInvestigation: "maybe" });
    expect(result.success || toFieldErrors(result.error)).toEqual({
      lowBidInvestigation: ["低入札価格調査の対象の値が正しくありません"],
    });
  });
});

describe("labels", () => {
  it("use the exact Japanese field labels of the form", () => {
    expect(FIELD_LABELS).toMatchObject({
      ordererId: "発注者",
      departmentId: "担当課",
      workName: "工事名",
      workLocation: "工事場所",
      workCategory: "工事の種別",
      bidDate: "入札日",
      contractDate: "契約日",
      periodFrom: "工期（自）",
      periodTo: "工期（至）",
      contractAmount: "請負代金額",
      advanceAmount: "前払金額",
      intermediateAmount: "中間前払金額",
      contractGuaranteeAmount: "契約保証金額",
      lowBidInvestigation: "低入札価格調査の対象",
      deliveryMethod: "保証証書の受取方法",
      notes: "連絡事項",
    });
  });

  it("show a contractor 審査中 until the contract is concluded", () => {
    expect(APPLICATION_STATUS_LABELS.SUBMITTED).toBe("審査中");
    expect(APPLICATION_STATUS_LABELS.REVIEWED).toBe("審査中");
    expect(APPLICATION_STATUS_LABELS.CONCLUDED).toBe("締結済");
  });

  it("cover every code", () => {
    expect(Object.keys(GUARANTEE_TYPE_LABELS)).toEqual([...GUARANTEE_TYPES]);
    expect(Object.keys(WORK_CATEGORY_LABELS)).toEqual([...WORK_CATEGORIES]);
    expect(Object.keys(DELIVERY_METHOD_LABELS)).toEqual([...DELIVERY_METHODS]);
    expect(Object.keys(APPLICATION_STATUS_LABELS)).toEqual([...APPLICATION_STATUSES]);
  });

  it("codes match the Prisma enums (checked by tsc)", () => {
    expectTypeOf<(typeof GUARANTEE_TYPES)[number]>().toEqualTypeOf<PrismaEnums.GuaranteeType>();
    expectTypeOf<(typeof WORK_CATEGORIES)[number]>().toEqualTypeOf<PrismaEnums.WorkCategory>();
    expectTypeOf<(typeof DELIVERY_METHODS)[number]>().toEqualTypeOf<PrismaEnums.DeliveryMethod>();
    expectTypeOf<(typeof APPLICATION_MENUS)[number]>().toEqualTypeOf<PrismaEnums.ApplicationMenu>();
    expectTypeOf<(typeof APPLICATION_STATUSES)[number]>().toEqualTypeOf<PrismaEnums.ApplicationStatus>();
  });
});
