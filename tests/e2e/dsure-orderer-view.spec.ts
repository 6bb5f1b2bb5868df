/**
 * The flyer's steps 4–6 in a real browser: the contractor downloads 認証キー等のお知らせ, the orderer opens D-Sure in
 * a browser of its own and views the certificate with the number and key read out of that PDF, and the contractor
 * then sees that the orderer has looked.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "./support/test";
import { e2eState, loginAsContractor, loginAsStaff, pdfText, screenshot, sql } from "./support";

/** Runs tests/support/certificate-fixtures-cli.ts with the e2e server's database and secrets. */
function certificateFixture<T>(name: string, args: Record<string, unknown> = {}): T {
  const state = e2eState();
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve(__dirname, "../support/certificate-fixtures-cli.ts"), name, JSON.stringify(args)],
    { env: { ...process.env, ...state.serverEnv, NODE_ENV: "test" }, encoding: "utf8", timeout: 90_000 },
  );
  if (r.status !== 0) throw new Error(`fixture ${name} failed: ${r.stderr}`);
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!) as T;
}

const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replaceAll("-", "－");

async function downloadKeyNotice(page: Page, contractNumber: string) {
  await page.goto("/enet");
  await page.getByRole("link", { name: "電子証書の確認はこちら" }).first().click();
  await expect(page.getByRole("heading", { name: "電子証書の確認" })).toBeVisible();
  await screenshot(page, "enet-certificates");
  await page.getByRole("link", { name: contractNumber, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/enet/certificates/${contractNumber}$`));
  await page.getByRole("link", { name: "認証キー", exact: true }).click();
  await expect(page.getByRole("heading", { name: "認証キー", exact: true })).toBeVisible();
  await screenshot(page, "enet-auth-key");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "認証キー等のお知らせ（PDF）をダウンロード" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`認証キー等のお知らせ_${contractNumber}.pdf`);
  const file = await download.path();
  return fs.readFileSync(file);
}

test.describe("D-Sure: the orderer views the certificate with the key from the contractor's PDF", () => {
  let contractNumber: string;
  /** The guarantee's other certificate (契約保証), which the tamper test alters. */
  let otherNumber: string;
  /** Read out of the PDF by the first test; later tests reuse it. */
  let keyFromPdf: string | undefined;

  test.beforeAll(() => {
    const r = certificateFixture<{ contracts: { contractNumber: string; guaranteeType: string }[] }>("concludedElectronicGuarantee", {
      workName: "市道鴨池１号線道路改良工事（Ｄ－Ｓｕｒｅ確認）",
    });
    contractNumber = r.contracts.find((c) => c.guaranteeType === "ADVANCE_PAYMENT")!.contractNumber;
    otherNumber = r.contracts.find((c) => c.guaranteeType === "CONTRACT")!.contractNumber;
  });

  test("download, look up with full-width input, wrong key, then the contractor sees the orderer's view", async ({ page, browser }) => {
    await loginAsContractor(page);

    // The certificate screen: the flyer's warning, and nobody has looked yet.
    await page.goto(`/enet/certificates/${contractNumber}`);
    await expect(
      page.getByRole("note").filter({ hasText: "この画面を印刷・保存したものを誤って提出しないようご注意ください。" }),
    ).toBeVisible();
    const receipt = page.getByRole("region", { name: "発注者の閲覧" });
    await expect(receipt).toContainText("まだ閲覧されていません");
    await expect(page.getByRole("region", { name: "電子証書の状態" })).toContainText("有効");
    await expect(page.getByText(/令和\d+年\d+月\d+日（\d{4}年\d+月\d+日）/).first()).toBeVisible();
    await screenshot(page, "enet-certificate");

    // Step 4: the key notice, read the way a person reads it.
    const pdf = await downloadKeyNotice(page, contractNumber);
    const text = (await pdfText(pdf)).replace(/\s+/g, "");
    expect(text).toContain("市道鴨池１号線道路改良工事（Ｄ－Ｓｕｒｅ確認）");
    const number = /(\d{4}-\d{7}-\d)/.exec(text)?.[1];
    const key = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1];
    expect(number).toBe(contractNumber);
    expect(key).toBeTruthy();
    keyFromPdf = key;

    // Step 6: the orderer, in a browser of its own (no e-Net保証 session).
    const orderer = await browser.newContext();
    const dsure = await orderer.newPage();
    await dsure.goto("/dsure");
    await dsure.getByLabel("保証契約番号").fill(toFullWidth(number!));
    await dsure.getByLabel("認証キー").fill(toFullWidth(key!).toLowerCase());
    await dsure.getByRole("button", { name: "電子証書を表示" }).click();

    const status = dsure.getByRole("region", { name: "電子証書の状態" });
    await expect(status).toContainText("有効");
    await expect(dsure.getByRole("region", { name: "電子署名の検証結果" })).toContainText("電子署名：検証済み");
    await expect(dsure.locator('[data-field="workName"]')).toHaveText("市道鴨池１号線道路改良工事（Ｄ－Ｓｕｒｅ確認）");
    await expect(dsure.getByRole("table").first()).toContainText("第1版");
    // The key is not echoed into the page or the address.
    const html = (await dsure.content()).toUpperCase().replace(/[^0-9A-Z]/g, "");
    expect(html).not.toContain(key!.replaceAll("-", ""));
    expect(dsure.url()).not.toContain(key!.replaceAll("-", "").slice(0, 8));
    await screenshot(dsure, "dsure-certificate");

    // Printed: the certificate alone, without the menus or the look-up form.
    await dsure.emulateMedia({ media: "print" });
    await expect(dsure.locator("header.site-header")).toBeHidden();
    await expect(dsure.getByRole("button", { name: "電子証書を表示" })).toBeHidden();
    await expect(dsure.getByRole("region", { name: "電子証書の状態" })).toBeVisible();
    await expect(dsure.getByText("D-Sure（発注者用保証確認サービス）による照会結果")).toBeVisible();
    await dsure.emulateMedia({ media: "screen" });

    // A wrong key: the generic message, and no certificate.
    const wrong = (key!.startsWith("A") ? "B" : "A") + key!.slice(1);
    await dsure.getByLabel("保証契約番号").fill(number!);
    await dsure.getByLabel("認証キー").fill(wrong);
    await dsure.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(dsure.getByRole("alert").filter({ hasText: "保証契約番号または認証キーが正しくありません" })).toBeVisible();
    await expect(dsure.getByRole("region", { name: "電子証書の状態" })).toHaveCount(0);
    await expect(dsure.getByLabel("保証契約番号")).toHaveValue(number!);
    await expect(dsure.getByLabel("認証キー")).toHaveValue("");
    await orderer.close();

    // The contractor's receipt now has the time of the orderer's view.
    await page.goto(`/enet/certificates/${contractNumber}`);
    await expect(receipt).toContainText("初回閲覧");
    await expect(receipt).toContainText(/\d{4}年\d+月\d+日 \d{2}:\d{2}/);
    await expect(receipt).not.toContainText("まだ閲覧されていません");

    // The log has the view and the failure, and no key.
    const rows = await sql<{ outcome: string; contractNumber: string }>(
      `SELECT "outcome", "contractNumber" FROM "dsure"."DsureAccessLog" WHERE "contractNumber" = $1 ORDER BY "id"`,
      [contractNumber],
    );
    expect(rows.map((r) => r.outcome)).toEqual(["VIEW", "NOT_FOUND"]);
  });

  test("the signature note (署名方式 … 鍵ID …) is drawn with Japanese glyphs, not boxes, on a machine without a CJK monospace font", async ({ browser }) => {
    test.skip(!keyFromPdf, "needs the key read out of the PDF by the first test");
    const page = await browser.newPage();
    await page.goto(`/dsure?no=${contractNumber}`);
    await page.getByLabel("認証キー").fill(keyFromPdf!);
    await page.getByRole("button", { name: "電子証書を表示" }).click();
    const note = page.getByText(/署名方式.*鍵ID/);
    await expect(note).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await note.evaluate((el) => el.setAttribute("data-font-probe", ""));
    await note.screenshot({ path: path.resolve(__dirname, "../../test-results/e2e/screenshots/dsure-signature-note.png") });
    // The fonts Chromium actually drew the note's text with: its Japanese characters (署名方式, 鍵) must come from the
    // Japanese font the app ships, not from a monospace font that has no such glyphs.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "[data-font-probe]" });
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    // (The shipped font names itself "Noto Sans JP Thin" inside the file; no system font by that name is on the machine.)
    const japanese = fonts.filter((f) => f.isCustomFont && f.familyName.startsWith("Noto Sans JP")).reduce((n, f) => n + f.glyphCount, 0);
    expect(japanese, JSON.stringify(fonts)).toBeGreaterThanOrEqual("署名方式鍵".length);
    await page.context().close();
  });

  test("works as a plain HTML form without JavaScript", async ({ browser }) => {
    test.skip(!keyFromPdf, "needs the key read out of the PDF by the first test");
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/dsure?no=${contractNumber}`);
    await page.getByLabel("認証キー").fill(keyFromPdf!.replaceAll("-", " "));
    await page.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(page.getByRole("region", { name: "電子証書の状態" })).toContainText("有効");
    expect(page.url()).not.toContain(keyFromPdf!.slice(0, 4) + keyFromPdf!.slice(5, 9));
    await context.close();
  });

  test("a look-up posted before the page's JavaScript has loaded keeps the certificate once it loads", async ({ page }) => {
    test.skip(!keyFromPdf, "needs the key read out of the PDF by the first test");
    // A slow line: the page's scripts arrive only after the form was sent (as a plain form post) and answered.
    let release!: () => void;
    const scriptsMayLoad = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_next\/static\/.*\.js/, async (route) => {
      await scriptsMayLoad;
      await route.continue().catch(() => undefined);
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`/dsure?no=${contractNumber}`, { waitUntil: "domcontentloaded" });
    await page.getByLabel("認証キー").fill(keyFromPdf!);
    await page.getByRole("button", { name: "電子証書を表示" }).click();
    const status = page.getByRole("region", { name: "電子証書の状態" });
    await expect(status).toContainText("有効");

    // Now the scripts load and React takes over the page that already shows the certificate.
    release();
    await page.waitForFunction(() => {
      const form = document.querySelector("form[aria-label='電子証書の照会']");
      return !!form && Object.keys(form).some((k) => k.startsWith("__reactFiber"));
    });
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await expect(status).toContainText("有効");
    await expect(page.locator('[data-field="workName"]')).toHaveText("市道鴨池１号線道路改良工事（Ｄ－Ｓｕｒｅ確認）");

    // …and the form, now run by JavaScript, still looks up: a wrong key replaces the certificate with the message.
    await page.getByLabel("保証契約番号").fill(contractNumber);
    await page.getByLabel("認証キー").fill("ABCD-EFGH-JKMN-PQRS");
    await page.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "保証契約番号または認証キーが正しくありません" })).toBeVisible();
    await expect(status).toHaveCount(0);
    await page.getByLabel("認証キー").fill(keyFromPdf!);
    await page.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(status).toContainText("有効");
    expect(errors).toEqual([]);
  });

  test("a mistyped check digit is pointed out at once; ?no= fills the number in", async ({ page }) => {
    await page.goto(`/dsure?no=${contractNumber}`);
    await expect(page.getByLabel("保証契約番号")).toHaveValue(contractNumber);
    const bad = contractNumber.slice(0, -1) + String((Number(contractNumber.slice(-1)) + 1) % 10);
    await page.getByLabel("保証契約番号").fill(bad);
    await page.getByLabel("認証キー").fill("ABCD-EFGH-JKMN-PQRS");
    await page.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(page.getByText("保証契約番号に誤りがあります")).toBeVisible();
    await expect(page.getByLabel("保証契約番号")).toHaveAttribute("aria-invalid", "true");
  });

  test("the PDF and the certificate are 404 for another company, for staff and for nobody", async ({ page, request, browser, consoleGuard }) => {
    consoleGuard.allow(/status of 404 \(Not Found\) \(http:\/\/[^/]+\/enet\/certificates\//); // the 404 screen asked for below
    const anonymous = await request.get(`/api/enet/certificates/${contractNumber}/auth-key-notice`);
    expect(anonymous.status()).toBe(404);

    await loginAsContractor(page, "demo-doboku");
    const other = await page.request.get(`/api/enet/certificates/${contractNumber}/auth-key-notice`);
    expect(other.status()).toBe(404);
    const missing = await page.request.get(`/api/enet/certificates/2024-0000001-0/auth-key-notice`);
    expect(missing.status()).toBe(404);
    expect(await other.text()).toBe(await missing.text());
    const screen = await page.goto(`/enet/certificates/${contractNumber}`);
    expect(screen?.status()).toBe(404);

    const staff = await browser.newContext();
    const staffPage = await staff.newPage();
    await loginAsStaff(staffPage, "staff-admin");
    expect((await staffPage.request.get(`/api/enet/certificates/${contractNumber}/auth-key-notice`)).status()).toBe(404);
    await staff.close();
  });

  test("the owner's download is a no-store PDF attachment with both file names", async ({ page }) => {
    await loginAsContractor(page);
    const res = await page.request.get(`/api/enet/certificates/${contractNumber}/auth-key-notice`);
    expect(res.status()).toBe(200);
    const h = res.headers();
    expect(h["content-type"]).toBe("application/pdf");
    expect(h["cache-control"]).toBe("no-store");
    expect(h["content-disposition"]).toBe(
      `attachment; filename="auth-key-notice_${contractNumber}.pdf"; filename*=UTF-8''${encodeURIComponent(`認証キー等のお知らせ_${contractNumber}.pdf`)}`,
    );
    expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("a certificate whose record at D-Sure was altered in the database shows 改ざんの疑いがあります, and nothing of it", async ({ page, browser }) => {
    await loginAsContractor(page);
    const text = (await pdfText(await downloadKeyNotice(page, otherNumber))).replace(/\s+/g, "");
    const key = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)![1]!;

    // Someone with write access to the database changes the 工事名 of 第1版 in D-Sure's record.
    const changed = await sql(
      `UPDATE "dsure"."DsureChainEntry" SET "data" = jsonb_set("data", '{content,work,name}', '"書き換えた工事名"')
       WHERE "contractNumber" = $1 AND "kind" = 'VERSION'`,
      [otherNumber],
    );
    expect(changed).toEqual([]);

    const orderer = await browser.newContext();
    const dsure = await orderer.newPage();
    await dsure.goto(`/dsure?no=${otherNumber}`);
    await dsure.getByLabel("認証キー").fill(key);
    await dsure.getByRole("button", { name: "電子証書を表示" }).click();
    const status = dsure.getByRole("region", { name: "電子証書の状態" });
    await expect(status).toContainText("改ざんの疑いがあります");
    await expect(status).toContainText("電子署名が記録の内容と一致しません");
    await expect(dsure.locator('[data-field="workName"]')).toHaveCount(0);
    await expect(dsure.getByText("書き換えた工事名")).toHaveCount(0);
    await screenshot(dsure, "dsure-tampered");

    // The API says the same, with the reason.
    const api = await dsure.request.post("/api/dsure/v1/lookup", { data: { contractNumber: otherNumber, authKey: key } });
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ status: "TAMPERED", integrity: { verified: false, reason: "signature", seq: 1 } });
    await orderer.close();
  });

  test("a certificate of the demo second surety opens with its key notice, under the issuer's name from D-Sure's configuration", async ({ browser }) => {
    const { noticePath } = certificateFixture<{ noticePath: string }>("demoIssuerCertificate", { dsureUrl: e2eState().baseUrl });
    const text = (await pdfText(fs.readFileSync(noticePath))).replace(/\s+/g, "");
    const number = /(\d{4}-\d{7}-\d)/.exec(text)?.[1];
    const key = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1];
    expect(number && key).toBeTruthy();

    const orderer = await browser.newContext();
    const dsure = await orderer.newPage();
    await dsure.goto("/dsure");
    await dsure.getByLabel("保証契約番号").fill(number!);
    await dsure.getByLabel("認証キー").fill(key!);
    await dsure.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(dsure.getByRole("region", { name: "電子証書の状態" })).toContainText("有効");
    await expect(dsure.locator('[data-issuer="higashi-nihon"]')).toHaveText("東日本建設業保証株式会社");
    await screenshot(dsure, "dsure-second-surety");
    await orderer.close();
  });
});
