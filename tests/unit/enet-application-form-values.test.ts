/** A stored application goes back into the form (and through the submit schema) without losing or changing a value. */
import { describe, expect, it } from "vitest";
import { ZApplicationDraftSchema, ZApplicationSubmitSchema } from "@/lib/guarantee-application/schemas";
import { toApplicationFormValues, type StoredApplicationValues } from "@/lib/guarantee-application/to-application-form-values";
import { menuFromSlug, MENU_SLUGS } from "@/lib/guarantee-application/menu-slugs";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const STORED: StoredApplicationValues = {
  menu: "ADVANCE",
  withContractGuarantee: true,
  baseContractId: null,
  deliveryMethod: "ELECTRONIC",
  ordererId: "0b4c8a52-3f7e-4c55-9a41-2d9b6e0c1a01",
  departmentId: "6f1d2e3c-4b5a-4968-8776-5a4b3c2d1e0f",
  workName: "市道甲突線道路改良工事（その２）",
  workLocation: "鹿児島市山下町",
  workCategory: "CONSTRUCTION",
  bidDate: d("2024-12-01"),
  contractDate: d("2024-12-10"),
  periodFrom: d("2024-12-11"),
  periodTo: d("2025-03-31"),
  contractAmount: 99_999_999_999n,
  advanceAmount: 39_999_999_999n,
  intermediateAmount: null,
  contractGuaranteeAmount: 10_000_000_000n,
  lowBidInvestigation: false,
  notes: "一行目\n二行目",
};

describe("toApplicationFormValues", () => {
  it("round-trips every stored value through the submit schema unchanged (amounts beyond 2^32, dates, line breaks)", () => {
    const values = toApplicationFormValues(STORED);
    expect(values).toMatchObject({ withContractGuarantee: "on", bidDate: "2024-12-01", contractAmount: "99999999999" });
    expect(values).not.toHaveProperty("lowBidInvestigation");
    expect(values).not.toHaveProperty("intermediateAmount");
    const parsed = ZApplicationSubmitSchema.parse(values);
    expect(parsed).toMatchObject({
      menu: "ADVANCE",
      withContractGuarantee: true,
      lowBidInvestigation: false,
      contractAmount: 99_999_999_999,
      advanceAmount: 39_999_999_999,
      contractGuaranteeAmount: 10_000_000_000,
      periodTo: "2025-03-31",
      notes: "一行目\n二行目",
    });
  });

  it("an empty draft gives a form with only its menu, which the draft schema accepts", () => {
    const empty = Object.fromEntries(Object.keys(STORED).map((k) => [k, null])) as unknown as StoredApplicationValues;
    const values = toApplicationFormValues({ ...empty, menu: "INTERMEDIATE", withContractGuarantee: false, lowBidInvestigation: false });
    expect(values).toEqual({ menu: "INTERMEDIATE" });
    expect(ZApplicationDraftSchema.safeParse(values).success).toBe(true);
  });
});

describe("menu URLs", () => {
  it("each menu has its own slug, and unknown slugs are no menu", () => {
    for (const [menu, slug] of Object.entries(MENU_SLUGS)) expect(menuFromSlug(slug)).toBe(menu);
    expect(menuFromSlug("contract-reservation")).toBeNull();
  });
});
