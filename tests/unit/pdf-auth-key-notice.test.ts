import { describe, expect, it } from "vitest";
import {
  SCREEN_PRINT_WARNING,
  authKeyNoticeQrPayload,
  renderAuthKeyNotice,
  type AuthKeyNoticeData,
} from "@/lib/pdf/render-auth-key-notice";
import { extractPdf } from "./pdf-extract-text";

const YOSHI = "\u{20BB7}"; // 𠮷: JIS X 0213, outside the BMP (a surrogate pair in UTF-16)

const notice: AuthKeyNoticeData = {
  companyName: `株式会社${YOSHI}田建設`,
  issuedOn: "令和6年12月1日",
  issuedAt: new Date("2024-12-01T01:00:00Z"),
  contractNumber: "2024-0001234-5",
  authKey: "7KQ2-M9XD-4HBT-RW3P",
  ordererName: "鹿児島市",
  departmentName: "建設局 道路部 道路建設課",
  workName: `${YOSHI}野家前道路改良工事`,
  guaranteeTypeLabel: "前払金保証",
  guaranteeAmount: "12,340,000円",
  version: 2,
  dsureUrl: "https://denshi-hosho.example.jp/dsure",
  dsureQrUrl: "https://denshi-hosho.example.jp/dsure?contractNumber=2024-0001234-5",
  submissionNote: "本書を発注者（鹿児島市 各担当課）へ電子メールでご提出ください。",
  suretyName: "サンプル建設業保証株式会社",
};

const compact = (text: string) => text.replace(/\s+/g, "");

describe("認証キー等のお知らせ PDF", () => {
  it("shows the contract number, the key in groups of four and the details the orderer checks", async () => {
    const pdf = await extractPdf(await renderAuthKeyNotice(notice));

    expect(pdf.pageCount).toBe(1);
    expect(pdf.compact).toContain("認証キー等のお知らせ");
    expect(pdf.compact).toContain(`株式会社${YOSHI}田建設御中`);
    expect(pdf.compact).toContain("2024-0001234-5");
    expect(pdf.compact).toContain("7KQ2-M9XD-4HBT-RW3P");
    expect(pdf.compact).toContain(`工事名${YOSHI}野家前道路改良工事`);
    expect(pdf.compact).toContain("鹿児島市");
    expect(pdf.compact).toContain("建設局道路部道路建設課");
    expect(pdf.compact).toContain("前払金保証");
    expect(pdf.compact).toContain("12,340,000円");
    expect(pdf.compact).toContain("第2版");
    expect(pdf.compact).toContain("令和6年12月1日");
    expect(pdf.compact).toContain("https://denshi-hosho.example.jp/dsure");
    expect(pdf.compact).toContain(compact(notice.submissionNote));
    expect(pdf.compact).toContain(compact(SCREEN_PRINT_WARNING));
    expect(pdf.compact).toContain("サンプル建設業保証株式会社");
  });

  it("prints a 工事名 exactly as typed: full-width brackets and digits, 全角スペース, Ⅱ, ㈱, ① and 𠮷", async () => {
    const workName = `鹿児島市道　改良工事（第３工区）第Ⅱ期 ㈱${YOSHI}野 ①`;
    const pdf = await extractPdf(await renderAuthKeyNotice({ ...notice, workName }));
    expect(pdf.compact).toContain(compact(workName));
    expect(pdf.compact).not.toContain("(第3工区)");
  });

  it("embeds 𠮷 (U+20BB7) so that it copies out as itself, not as 吉 or a missing glyph", async () => {
    const pdf = await extractPdf(await renderAuthKeyNotice(notice));
    const text = pdf.pages.join("");

    expect(text).toContain(YOSHI);
    expect([...text].find((char) => char.codePointAt(0) === 0x20bb7)).toBe(YOSHI);
    expect(text).not.toContain("吉野家");
    expect(text).not.toContain("\uFFFD");
  });

  it("stays under 60 KB and carries the title, the surety as author and the issue time", async () => {
    const bytes = await renderAuthKeyNotice(notice);
    expect(bytes.length).toBeLessThanOrEqual(60 * 1024);

    const pdf = await extractPdf(bytes);
    expect(pdf.info.Title).toBe("認証キー等のお知らせ");
    expect(pdf.info.Author).toBe("サンプル建設業保証株式会社");
    expect(pdf.info.CreationDate).toMatch(/^D:20241201010000/);
  });

  it("gives the same bytes for the same data, so a re-download is the same document", async () => {
    const first = await renderAuthKeyNotice(notice);
    const second = await renderAuthKeyNotice(notice);
    expect(first.equals(second)).toBe(true);
  });

  it("keeps a long 工事名 and department on one page", async () => {
    const workName = `${YOSHI}野家前交差点から鹿児島中央駅西口交通広場までの市道武岡線道路改良工事（電線共同溝整備及び歩道拡幅を含む。）その２工区`;
    const pdf = await extractPdf(
      await renderAuthKeyNotice({
        ...notice,
        companyName: `株式会社${YOSHI}田・鹿児島南部総合建設共同企業体（代表者 株式会社${YOSHI}田建設）`,
        departmentName: "建設局 道路部 道路建設課 道路改良係 及び 公園緑化課",
        workName,
      }),
    );
    expect(pdf.pageCount).toBe(1);
    expect(pdf.compact).toContain(compact(workName));
  });
});

describe("the notice's QR code", () => {
  it("encodes D-Sure with the contract number filled in, and not the key", () => {
    const payload = authKeyNoticeQrPayload(notice);

    expect(payload).toBe("https://denshi-hosho.example.jp/dsure?contractNumber=2024-0001234-5");
    expect(payload).toContain(notice.contractNumber);
    expect(payload.toUpperCase().replace(/[^0-9A-Z]/g, "")).not.toContain("7KQ2M9XD4HBTRW3P");
  });

  it.each([
    ["formatted", "https://d.example.jp/dsure?no=2024-0001234-5&key=7KQ2-M9XD-4HBT-RW3P"],
    ["without hyphens", "https://d.example.jp/dsure?key=7KQ2M9XD4HBTRW3P"],
    ["in lower case", "https://d.example.jp/dsure#7kq2-m9xd-4hbt-rw3p"],
    ["percent-encoded", "https://d.example.jp/dsure?key=%37KQ2%2DM9XD%2D4HBT%2DRW3P"],
  ])("refuses a D-Sure URL that carries the key (%s)", async (_, dsureQrUrl) => {
    expect(() => authKeyNoticeQrPayload({ ...notice, dsureQrUrl })).toThrow(/must not contain/);
    await expect(renderAuthKeyNotice({ ...notice, dsureQrUrl })).rejects.toThrow(/must not contain/);
  });
});
