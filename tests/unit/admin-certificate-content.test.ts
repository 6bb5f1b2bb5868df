import { describe, expect, it } from "vitest";
import { buildCertificateContent, type CertificateSource } from "@/lib/certificate/build-certificate-content";
import { canonicalizeJson } from "@/lib/certificate/canonical-json";

const source: CertificateSource = {
  contractNumber: "2024-0001234-0",
  version: 1,
  guaranteeType: "INTERMEDIATE_ADVANCE",
  suretyName: "西日本建設業保証株式会社",
  orderer: { name: "鹿児島市", departmentName: "建設局 道路部 道路建設課" },
  contractor: { name: "株式会社サンプル建設", address: "鹿児島県鹿児島市山下町11番1号", representative: "代表取締役 鹿児島 太郎" },
  work: {
    name: "市道武岡線道路改良工事",
    location: null,
    contractAmount: 100_000_000n,
    contractDate: new Date("2025-01-20T00:00:00Z"),
    periodFrom: "2025-01-21",
    periodTo: new Date("2026-03-19T00:00:00Z"),
  },
  guarantee: { amount: 20_000_000n, periodFrom: "2025-01-20", periodTo: "2026-03-19", fee: 13_000n },
  concludedAt: new Date("2025-03-31T15:30:00Z"), // 2025-04-01 00:30 JST
  issuedAt: new Date("2025-03-31T15:30:00Z"),
};

describe("buildCertificateContent", () => {
  it("records DOMAIN.md §6 as plain JSON: numbers for yen, YYYY-MM-DD for dates, null for what is missing", () => {
    expect(buildCertificateContent(source)).toEqual({
      format: 1,
      contractNumber: "2024-0001234-0",
      version: 1,
      guaranteeType: "INTERMEDIATE_ADVANCE",
      guaranteeTypeLabel: "中間前払金保証",
      surety: { name: "西日本建設業保証株式会社" },
      orderer: { name: "鹿児島市", departmentName: "建設局 道路部 道路建設課" },
      contractor: { name: "株式会社サンプル建設", address: "鹿児島県鹿児島市山下町11番1号", representative: "代表取締役 鹿児島 太郎" },
      work: {
        name: "市道武岡線道路改良工事",
        location: null,
        contractAmount: 100_000_000,
        contractDate: "2025-01-20",
        periodFrom: "2025-01-21",
        periodTo: "2026-03-19",
      },
      guarantee: {
        amount: 20_000_000,
        amountKind: "intermediateAmount",
        amountLabel: "中間前払金額",
        periodFrom: "2025-01-20",
        periodTo: "2026-03-19",
        fee: 13_000,
      },
      concludedOn: "2025-04-01",
      issuedOn: "2025-04-01",
      changeSummary: null,
    });
  });

  it("is canonical JSON the signature can cover (no Dates, no bigints)", () => {
    expect(() => canonicalizeJson(buildCertificateContent(source))).not.toThrow();
  });

  it("refuses a fractional amount, a missing 保証期間 and 版 0", () => {
    expect(() => buildCertificateContent({ ...source, guarantee: { ...source.guarantee, amount: 1.5 } })).toThrow(RangeError);
    expect(() => buildCertificateContent({ ...source, guarantee: { ...source.guarantee, periodTo: null } })).toThrow(RangeError);
    expect(() => buildCertificateContent({ ...source, version: 0 })).toThrow(RangeError);
  });
});
