/** ID登録申請 and パスワード設定 forms: normalised input, Japanese messages beside the right field. */
import { describe, expect, it } from "vitest";
import { toFieldErrors } from "@/lib/guarantee-application/schemas";
import { CUSTOMER_ID_PATTERN, normalizeCustomerId, ZPasswordSetupSchema, ZRegistrationRequestSchema } from "@/lib/registration/schemas";

const FORM = {
  companyName: "株式会社　サンプル建設",
  representative: "代表取締役 鹿児島 太郎",
  address: "鹿児島県鹿児島市山下町１１番１号",
  licenseNumber: "鹿児島県知事許可（特-6）第12345号",
  contactName: "薩摩 花子",
  email: " ｈａｎａｋｏ@sample.example.jp ",
  phone: "０９９ー２２４ー１１１１",
};

describe("ZRegistrationRequestSchema", () => {
  it("keeps names and addresses as typed, and reads the e-mail and 電話番号 through NFKC (ー typed as a hyphen too)", () => {
    expect(ZRegistrationRequestSchema.parse(FORM)).toEqual({
      ...FORM,
      email: "hanako@sample.example.jp",
      phone: "099-224-1111",
    });
  });

  it("every field is required, with its own message", () => {
    const r = ZRegistrationRequestSchema.safeParse({});
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(toFieldErrors(r.error)).toEqual({
        companyName: ["商号（会社名）を入力してください"],
        representative: ["代表者を入力してください"],
        address: ["所在地を入力してください"],
        licenseNumber: ["建設業許可番号を入力してください"],
        contactName: ["ご担当者名を入力してください"],
        email: ["メールアドレスを入力してください"],
        phone: ["電話番号を入力してください"],
      });
    }
  });

  it("refuses a malformed e-mail address and telephone number", () => {
    const r = ZRegistrationRequestSchema.safeParse({ ...FORM, email: "hanako@", phone: "12345" });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(toFieldErrors(r.error)).sort()).toEqual(["email", "phone"]);
  });
});

describe("ZPasswordSetupSchema", () => {
  it("needs 12 characters and the same password twice", () => {
    const short = ZPasswordSetupSchema.safeParse({ token: "t", password: "elevenchars", passwordConfirm: "elevenchars" });
    expect(short.success).toBe(false);
    if (!short.success) expect(toFieldErrors(short.error).password).toEqual(["パスワードは12文字以上で入力してください"]);

    const mismatch = ZPasswordSetupSchema.safeParse({ token: "t", password: "twelve-chars", passwordConfirm: "twelve-charz" });
    expect(mismatch.success).toBe(false);
    if (!mismatch.success) expect(Object.keys(toFieldErrors(mismatch.error))).toEqual(["passwordConfirm"]);

    expect(ZPasswordSetupSchema.safeParse({ token: "t", password: "さくらじまの噴煙が見える", passwordConfirm: "さくらじまの噴煙が見える" }).success).toBe(true);
  });
});

describe("お客様ID chosen by staff", () => {
  it("is compared in lower case, as the login compares it", () => {
    expect(normalizeCustomerId(" Ｓａｋｕｒａ-Gumi ")).toBe("sakura-gumi");
    expect(CUSTOMER_ID_PATTERN.test("sakura-gumi")).toBe(true);
    expect(CUSTOMER_ID_PATTERN.test("ab")).toBe(false);
    expect(CUSTOMER_ID_PATTERN.test("has space")).toBe(false);
  });
});
