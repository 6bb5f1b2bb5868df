import { describe, expect, it } from "vitest";
import { certificateStatusOf, displayStatusOf } from "@/lib/certificate/certificate-status";
import { certificateRows, formatCertificateAmount, formatCertificateDate } from "@/lib/certificate/read-certificate-content";
import { buildCertificateContent } from "@/lib/certificate/build-certificate-content";

describe("certificate status", () => {
  const jst = (iso: string) => new Date(iso);

  it("is 有効 through the last day of the 保証期間 in Japan and 満了 from the next day", () => {
    // 2025-03-31 23:59 JST is still the last day; 2025-04-01 00:00 JST is not.
    expect(certificateStatusOf({ contractStatus: "ACTIVE", periodTo: "2025-03-31", now: jst("2025-03-31T14:59:00Z") })).toBe("VALID");
    expect(certificateStatusOf({ contractStatus: "ACTIVE", periodTo: "2025-03-31", now: jst("2025-03-31T15:00:00Z") })).toBe("EXPIRED");
    expect(
      certificateStatusOf({ contractStatus: "ACTIVE", periodTo: new Date("2025-03-31T00:00:00Z"), now: jst("2025-03-31T15:00:00Z") }),
    ).toBe("EXPIRED");
  });

  it("says 解約 for a cancelled contract, whether or not its period has ended", () => {
    expect(certificateStatusOf({ contractStatus: "CANCELLED", periodTo: "2099-03-31" })).toBe("CANCELLED");
    expect(certificateStatusOf({ contractStatus: "CANCELLED", periodTo: "2000-03-31" })).toBe("CANCELLED");
  });

  it("never shows a certificate that fails its signature check as 有効", () => {
    expect(displayStatusOf({ status: "VALID", integrityOk: false })).toBe("TAMPERED");
    expect(displayStatusOf({ status: "CANCELLED", integrityOk: false })).toBe("TAMPERED");
    expect(displayStatusOf({ status: "VALID", integrityOk: true })).toBe("VALID");
  });
});

describe("reading a certificate snapshot for display", () => {
  const content = buildCertificateContent({
    contractNumber: "2024-0001234-5",
    version: 2,
    guaranteeType: "CONTRACT",
    suretyName: "西日本建設業保証株式会社",
    orderer: { name: "鹿児島市", departmentName: "財政局 財産管理部 契約課" },
    contractor: { name: "株式会社サンプル建設", address: "鹿児島市山下町11番1号", representative: "代表取締役 鹿児島 太郎" },
    work: { name: "𠮷野町公園整備工事", location: null, contractAmount: 123_400_000n, contractDate: "2024-12-01", periodFrom: "2024-12-02", periodTo: "2025-03-19" },
    guarantee: { amount: 12_340_000, periodFrom: "2024-12-02", periodTo: "2025-03-19", fee: 6_170 },
    concludedAt: new Date("2024-12-01T03:00:00Z"),
    issuedAt: new Date("2025-01-20T03:00:00Z"),
    changeSummary: "増額",
  });

  it("shows every item of DOMAIN.md §6 in 和暦 with 西暦 and in yen", () => {
    const rows = Object.fromEntries(certificateRows(content).map((r) => [r.label, r.value]));
    expect(rows).toMatchObject({
      保証契約番号: "2024-0001234-5",
      版: "第2版",
      保証の種類: "契約保証",
      保証事業会社: "西日本建設業保証株式会社",
      発注者: "鹿児島市　財政局 財産管理部 契約課",
      "請負者（商号又は名称）": "株式会社サンプル建設",
      工事名: "𠮷野町公園整備工事",
      請負代金額: "￥123,400,000",
      "保証金額（契約保証金額）": "￥12,340,000",
      契約日: "令和6年12月1日（2024年12月1日）",
      工期: "令和6年12月2日（2024年12月2日） から 令和7年3月19日（2025年3月19日） まで",
      保証期間: "令和6年12月2日（2024年12月2日） から 令和7年3月19日（2025年3月19日） まで",
      保証契約締結日: "令和6年12月1日（2024年12月1日）",
      保証料: "￥6,170",
      この版の変更内容: "増額",
    });
    expect(rows).not.toHaveProperty("工事場所"); // null in the snapshot: left out
  });

  it("renders whatever is stored rather than failing on an odd or partial snapshot", () => {
    for (const odd of [null, 42, "text", [], {}, { work: "not an object", guarantee: { amount: "12,000円" }, concludedOn: "昨日" }]) {
      const rows = certificateRows(odd);
      expect(rows.find((r) => r.key === "workName")?.value).toBe("（記録なし）");
    }
    const rows = Object.fromEntries(certificateRows({ guarantee: { amount: "12,000円" }, concludedOn: "昨日" }).map((r) => [r.key, r.value]));
    expect(rows.guaranteeAmount).toBe("12,000円");
    expect(rows.concludedOn).toBe("昨日");
  });

  it("formats amounts and dates defensively", () => {
    expect(formatCertificateAmount(12_340_000)).toBe("￥12,340,000");
    expect(formatCertificateAmount("12340000")).toBe("￥12,340,000");
    expect(formatCertificateAmount(1.5)).toBe("1.5");
    expect(formatCertificateDate("2024-12-01")).toBe("令和6年12月1日（2024年12月1日）");
    expect(formatCertificateDate("2024-11-30T15:30:00.000Z")).toBe("令和6年12月1日（2024年12月1日）");
    expect(formatCertificateDate("2024-02-30")).toBe("2024-02-30");
    expect(formatCertificateDate({})).toBeUndefined();
  });
});
