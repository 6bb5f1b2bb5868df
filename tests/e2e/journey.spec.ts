/**
 * The flyer's six steps in one test, across separate browser contexts (contractor, 審査担当, 承認者, orderer), with
 * a screenshot of each step and axe-core on every page of the journey (no serious or critical violation). The
 * orderer's look-up is done with the keyboard alone.
 */
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "./support/test";
import { loginAsContractor, loginAsStaff, pdfText, screenshot, waitForMail } from "./support";

async function accessible(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("the whole journey: apply → review → conclude → mail → key notice → D-Sure", async ({ browser }) => {
  test.setTimeout(240_000);
  // Typed as the 工事請負契約書 writes it: it must come out character for character on every screen and in the PDF.
  const workName = `鹿児島市道　改良工事（第３工区）第Ⅱ期 ㈱𠮷野 ① ${Date.now()}`;
  const exactly = async (page: Page, selector = "main") => expect((await page.locator(selector).first().innerText()).includes(workName), `${workName} in ${page.url()}`).toBe(true);

  // Step 1 — the contractor applies with 「電子交付を希望する」.
  const contractor = await newPage(browser);
  await contractor.goto("/enet/login");
  await accessible(contractor, "e-Net保証 ログイン");
  await loginAsContractor(contractor);
  await accessible(contractor, "e-Net保証 HOME");
  await contractor.getByRole("link", { name: "前払金保証・契約保証 申込" }).first().click();
  await contractor.getByLabel("発注者").selectOption({ label: "鹿児島市" });
  await contractor.getByLabel("担当課").selectOption({ label: "建設局 道路部 道路建設課" });
  await contractor.getByLabel("工事名").fill(workName);
  await contractor.getByLabel("工事場所").fill("鹿児島市𠮷野町地内");
  await contractor.getByRole("radio", { name: "工事", exact: true }).check();
  await contractor.getByLabel("入札日").fill("２０２６年１０月１０日"); // 全角 digits in dates and amounts still read
  await contractor.getByLabel("契約日").fill("2026-10-20");
  await contractor.getByLabel("工期（自）").fill("2026-10-21");
  await contractor.getByLabel("工期（至）").fill("2027-09-30");
  await contractor.getByLabel("請負代金額").fill("30,000,000");
  await contractor.getByRole("textbox", { name: "前払金額", exact: true }).fill("12,000,000");
  await contractor.getByRole("radio", { name: "電子交付を希望する" }).check();
  await accessible(contractor, "申込フォーム");
  // A mistake first: the error is announced and shown beside its field.
  await contractor.getByLabel("請負代金額").fill("");
  await contractor.getByRole("button", { name: "確認" }).click();
  await expect(contractor.getByLabel("請負代金額")).toHaveAttribute("aria-invalid", "true");
  await accessible(contractor, "申込フォーム（入力エラー）");
  await contractor.getByLabel("請負代金額").fill("３０，０００，０００円");
  await contractor.getByRole("button", { name: "確認" }).click();
  await expect(contractor).toHaveURL(/\/confirm$/);
  await exactly(contractor);
  await accessible(contractor, "申込内容の確認");
  await contractor.getByRole("button", { name: "申込む" }).click();
  await expect(contractor.getByText("申込みを受け付けました")).toBeVisible();
  await screenshot(contractor, "journey-1-applied");

  // Step 2 — staff-tanto reviews, staff-shonin concludes.
  const tanto = await newPage(browser);
  await loginAsStaff(tanto, "staff-tanto");
  await tanto.goto("/admin/applications");
  await accessible(tanto, "申込一覧");
  await tanto.getByRole("link", { name: workName }).click();
  await accessible(tanto, "保証申込の審査");
  await tanto.getByRole("button", { name: "審査完了" }).click();
  await expect(tanto.getByText("審査完了にしました")).toBeVisible();
  await screenshot(tanto, "journey-2a-reviewed");

  const shonin = await newPage(browser);
  await loginAsStaff(shonin, "staff-shonin");
  await shonin.goto("/admin/applications?status=REVIEWED");
  await shonin.getByRole("link", { name: workName }).click();
  await shonin.getByRole("button", { name: "保証契約を締結する" }).click();
  const done = shonin.getByText(/保証契約を締結しました。保証契約番号：\d{4}-\d{7}-\d/);
  await expect(done).toBeVisible();
  const contractNumber = /(\d{4}-\d{7}-\d)/.exec((await done.textContent()) ?? "")![1]!;
  await screenshot(shonin, "journey-2b-concluded");

  // Step 3 — the mail 「電子証書・認証キー登録のお知らせ」 reaches the contractor (without the key).
  const mail = await waitForMail((m) => m.subject === "電子証書・認証キー登録のお知らせ" && (m.text ?? "").includes(contractNumber));
  expect(mail.text).toContain("/enet/certificates");

  // Step 4 — the contractor opens 「電子証書の確認はこちら」, the certificate, 「認証キー」, and downloads the notice.
  await contractor.goto("/enet");
  await contractor.getByRole("link", { name: "電子証書の確認はこちら" }).first().click();
  await accessible(contractor, "電子証書の確認");
  await contractor.getByRole("link", { name: contractNumber, exact: true }).click();
  await accessible(contractor, "電子証書");
  await exactly(contractor);
  await screenshot(contractor, "journey-4a-certificate");
  await contractor.getByRole("link", { name: "認証キー", exact: true }).click();
  await accessible(contractor, "認証キー");
  const [download] = await Promise.all([
    contractor.waitForEvent("download"),
    contractor.getByRole("link", { name: "認証キー等のお知らせ（PDF）をダウンロード" }).click(),
  ]);
  const text = (await pdfText(fs.readFileSync((await download.path())!))).replace(/\s+/g, "");
  expect(text).toContain(contractNumber);
  expect(text).toContain(workName.replace(/\s+/g, "")); // the PDF's text layer does not keep spaces reliably
  const key = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)![1]!;
  expect(mail.text ?? "").not.toContain(key);
  await screenshot(contractor, "journey-4b-key-page");

  // Steps 5–6 — the orderer, in a browser of its own, types the number and key from the PDF, keyboard only.
  const orderer = await newPage(browser);
  await orderer.goto("/dsure");
  await accessible(orderer, "D-Sure");
  await orderer.getByLabel("保証契約番号").focus();
  await orderer.keyboard.type(contractNumber);
  await orderer.keyboard.press("Tab");
  await expect(orderer.getByLabel("認証キー")).toBeFocused();
  await orderer.keyboard.type(key);
  await orderer.keyboard.press("Enter");
  await expect(orderer.getByRole("region", { name: "電子証書の状態" })).toContainText("有効");
  await expect(orderer.getByRole("region", { name: "電子署名の検証結果" })).toContainText("検証済み");
  await expect(orderer.locator('[data-field="workName"]')).toBeVisible();
  expect(await orderer.locator('[data-field="workName"]').textContent()).toBe(workName);
  await accessible(orderer, "D-Sure 照会結果");
  await screenshot(orderer, "journey-6-dsure");
});
