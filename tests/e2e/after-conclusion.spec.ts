/**
 * After conclusion in a real browser: the contractor asks for a 増額 (menu 5), the reviewer (staff-tanto) and another
 * approver (staff-shonin) approve it, and the orderer sees 第2版 on D-Sure with 第1版 in the history; then the
 * contractor sends 認証キー等のお知らせ to the orderer's department from the key page, and the test SMTP server
 * receives it with the PDF.
 */
import { expect, test, type Browser, type Page } from "./support/test";
import { loginAsContractor, loginAsStaff, pdfText, runFixture, screenshot, sql, waitForMail } from "./support";

const WORK_NAME = "市道武岡線道路改良工事（増額の確認）";

async function staffPage(browser: Browser, staffId: "staff-tanto" | "staff-shonin"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAsStaff(page, staffId);
  return page;
}

test.describe.serial("保証契約締結後の変更 and 発注者へ送信", () => {
  let contractId: string;
  let contractNumber: string;

  test.beforeAll(() => {
    const r = runFixture<{ contractId: string; contractNumber: string }>("afterConclusionGuarantee", { workName: WORK_NAME });
    contractId = r.contractId;
    contractNumber = r.contractNumber;
  });

  test("増額: the contractor asks, staff review and approve, D-Sure shows 第2版 as current with 第1版 in the history", async ({ page, browser }) => {
    // The contractor: menu 5, the guarantee and 増額.
    await loginAsContractor(page);
    await page.getByRole("link", { name: "保証契約締結後の変更" }).click();
    await expect(page.getByRole("heading", { name: "保証契約締結後の変更", level: 1 })).toBeVisible();
    await page.getByLabel("対象の保証契約").selectOption(contractNumber);
    await page.getByRole("radio", { name: "増額" }).check();
    await page.getByRole("button", { name: "次へ（変更内容の入力）" }).click();
    await expect(page.getByRole("heading", { name: "変更内容の入力（増額）" })).toBeVisible();

    // Over 4/10 of the new 請負代金額: the message is beside the field and nothing typed is lost.
    await page.getByLabel("変更後の請負代金額").fill("１２０，０００，０００");
    await page.getByLabel("変更後の前払金額（保証金額）").fill("48,000,001");
    await page.getByLabel("変更契約日").fill("2025-06-01");
    await page.getByLabel("変更の理由").fill("設計変更による請負代金額の増額");
    await page.getByRole("button", { name: "変更を申し込む" }).click();
    const amount = page.getByLabel("変更後の前払金額（保証金額）");
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#newGuaranteeAmount-error")).toHaveText(
      "変更後の前払金額は変更後の請負代金額の10分の4以下（48,000,000円以下）で入力してください",
    );
    await expect(page.getByLabel("変更後の請負代金額")).toHaveValue("１２０，０００，０００");
    await expect(page.getByLabel("変更の理由")).toHaveValue("設計変更による請負代金額の増額");
    await screenshot(page, "enet-change-error");

    await amount.fill("48,000,000");
    await page.getByRole("button", { name: "変更を申し込む" }).click();
    await expect(page).toHaveURL(/\/enet\/changes\/[0-9a-f-]{36}\?submitted=1$/);
    await expect(page.getByText("変更の申込を受け付けました。")).toBeVisible();
    const changeId = /\/enet\/changes\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await screenshot(page, "enet-change-submitted");

    // The reviewer: the queue, the detail, 審査完了.
    const tanto = await staffPage(browser, "staff-tanto");
    await tanto.goto("/admin/changes");
    await tanto.getByRole("link", { name: WORK_NAME }).click();
    await expect(tanto).toHaveURL(new RegExp(`/admin/changes/${changeId}$`));
    await expect(tanto.getByText("+6,400円（追加）")).toBeVisible();
    await tanto.getByRole("button", { name: "審査完了" }).click();
    await expect(tanto.getByText(/^審査完了：審査 一郎（staff-tanto）/)).toBeVisible();
    await expect(tanto.getByText("承認者による承認を待っています。")).toBeVisible();
    // The reviewer cannot approve: no such button for them.
    await expect(tanto.getByRole("button", { name: /承認して/ })).toHaveCount(0);
    await tanto.context().close();

    // The approver.
    const shonin = await staffPage(browser, "staff-shonin");
    await shonin.goto(`/admin/changes/${changeId}`);
    await screenshot(shonin, "admin-change-approve");
    await shonin.getByRole("button", { name: "承認して変更後の電子証書を登録する" }).click();
    const approved = shonin.getByRole("region", { name: "承認済" });
    await expect(approved).toContainText("第2版");
    await expect(approved).toContainText("+6,400円（追加）");
    await expect(approved).toContainText("変更後の保証料 38,400円");
    await shonin.context().close();

    // The contractor sees it approved, with the mail 「変更後の電子証書登録のお知らせ」.
    await page.reload();
    await expect(page.getByText("変更後の電子証書（第2版）を登録しました")).toBeVisible();
    await waitForMail((m) => m.subject === "変更後の電子証書登録のお知らせ" && (m.text ?? "").includes(contractNumber));

    // The orderer, in a browser of its own.
    const { authKey } = runFixture<{ authKey: string }>("afterConclusionLiveKey", { contractId });
    const orderer = await browser.newContext();
    const dsure = await orderer.newPage();
    await dsure.goto("/dsure");
    await dsure.getByLabel("保証契約番号").fill(contractNumber);
    await dsure.getByLabel("認証キー").fill(authKey);
    await dsure.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(dsure.getByRole("region", { name: "電子証書の状態" })).toContainText("有効");
    await expect(dsure.getByText(`保証契約番号 ${contractNumber}　第2版`)).toBeVisible();
    const history = dsure.getByRole("region", { name: "変更履歴" });
    await expect(history).toContainText("第2版（現在の版）");
    await expect(history).toContainText("第1版");
    await expect(history).toContainText("増額（保証金額 40,000,000円 → 48,000,000円、請負代金額 100,000,000円 → 120,000,000円）");
    await screenshot(dsure, "dsure-version-2");
    await orderer.close();
  });

  test("発注者へ送信: the key notice PDF reaches the department's address once, and the page shows 送信済み", async ({ page }) => {
    await loginAsContractor(page);
    await page.goto(`/enet/certificates/${contractNumber}/key`);
    const section = page.getByRole("region", { name: "発注者へ送信" });
    // The orderer's own rule beside the button (鹿児島市: by e-mail to the responsible section).
    await expect(section).toContainText("鹿児島市の提出方法");
    await expect(section).toContainText("電子メールでご提出ください");
    await section.getByLabel("送信先の担当課").selectOption({ label: "財政局 財産管理部 契約課" });
    await expect(section).toContainText("送信先アドレス：keiyaku@city-kagoshima.example.jp");
    await section.getByRole("button", { name: "発注者へ送信" }).dblclick();
    await expect(section.getByRole("status").filter({ hasText: "へ「認証キー等のお知らせ」を送信しました" })).toBeVisible();

    const mail = await waitForMail(
      (m) => (m.to && !Array.isArray(m.to) ? m.to.text : "").includes("keiyaku@city-kagoshima.example.jp") && m.subject === `【前払金保証】${WORK_NAME}`,
      60_000,
    );
    const pdf = mail.attachments.find((a) => a.contentType === "application/pdf");
    expect(pdf, "the key notice PDF is attached").toBeTruthy();
    const text = (await pdfText(pdf!.content)).replace(/\s+/g, "");
    expect(text).toContain("認証キー等のお知らせ");
    expect(text).toContain(contractNumber);
    // The cover mail itself never carries the key.
    const { authKey } = runFixture<{ authKey: string }>("afterConclusionLiveKey", { contractId });
    expect((mail.text ?? "") + (mail.html || "")).not.toContain(authKey);

    // A double click sent once; the page records who sent what, when.
    const rows = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "OrdererSubmission" WHERE "contractId" = $1`, [contractId]);
    expect(rows[0]!.n).toBe("1");
    await page.reload();
    const log = page.getByRole("list", { name: "送信の記録" });
    await expect(log).toContainText("送信済み");
    await expect(log).toContainText("財政局 財産管理部 契約課（keiyaku@city-kagoshima.example.jp）");
    await expect(log).toContainText(/\d{4}年\d+月\d+日 \d{2}:\d{2}/);
    await screenshot(page, "enet-key-sent-to-orderer");
  });
});

test.describe("保証料計算書, 認証キーの再発行 and 解約 in the back office", () => {
  test("staff write last month's statement, the contractor downloads it; an admin reissues the key and cancels; D-Sure says 解約", async ({ page, browser }) => {
    // Concluded five days before this month began (Japan time): last month's statement lists it.
    const JST = 9 * 3_600_000;
    const jstNow = new Date(Date.now() + JST);
    const monthStart = Date.UTC(jstNow.getUTCFullYear(), jstNow.getUTCMonth(), 1) - JST;
    const concludedAt = new Date(monthStart - 5 * 86_400_000 + 3 * 3_600_000);
    const lastMonth = new Date(concludedAt.getTime() + JST).toISOString().slice(0, 7);
    const workName = "甲突川河川改修工事（計算書と解約の確認）";
    const { contractId, contractNumber } = runFixture<{ contractId: string; contractNumber: string }>("afterConclusionGuarantee", {
      workName,
      concludedAt: concludedAt.toISOString(),
    });

    const shonin = await staffPage(browser, "staff-shonin");
    await shonin.goto("/admin/contracts");
    await shonin.getByLabel("対象月").fill(lastMonth);
    await shonin.getByRole("button", { name: "保証料計算書を作成" }).click();
    await expect(shonin.getByRole("status").filter({ hasText: "保証料計算書を作成しました" })).toBeVisible();
    await shonin.context().close();

    await loginAsContractor(page);
    await page.goto("/enet/fee-statements");
    const [y, m] = lastMonth.split("-");
    const row = page.getByRole("row").filter({ hasText: `${y}年${Number(m)}月分` }).filter({ hasText: "保証料計算書" }).first();
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /ダウンロード/ }).click()]);
    expect(download.suggestedFilename()).toBe(`保証料計算書_${lastMonth}.pdf`);
    const fs = await import("node:fs");
    const text = (await pdfText(fs.readFileSync((await download.path())!))).replace(/\s+/g, "");
    expect(text).toContain("保証料計算書");
    expect(text).toContain(contractNumber);
    expect(text).toContain("32,000円");

    // An admin reissues the key, then cancels the guarantee.
    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await loginAsStaff(adminPage, "staff-admin");
    await adminPage.goto("/admin/contracts");
    await adminPage.getByLabel("保証契約番号・工事名・請負者").fill(contractNumber);
    await adminPage.getByRole("button", { name: "検索" }).click();
    await adminPage.getByRole("link", { name: contractNumber }).click();
    await expect(adminPage).toHaveURL(new RegExp(`/admin/contracts/${contractId}$`));
    await expect(adminPage.getByRole("region", { name: "D-Sure 登録状況" })).toContainText("D-Sure 登録済み");
    const oldKey = runFixture<{ authKey: string }>("afterConclusionLiveKey", { contractId }).authKey;
    const keyPanel = adminPage.getByRole("region", { name: "認証キー" });
    await keyPanel.getByLabel(/今の認証キーは直ちに使えなくなり/).check();
    await keyPanel.getByRole("button", { name: "認証キーを再発行する" }).click();
    await expect(keyPanel.getByRole("status").filter({ hasText: "認証キーを再発行しました" })).toBeVisible();
    const newKey = runFixture<{ authKey: string }>("afterConclusionLiveKey", { contractId }).authKey;
    expect(newKey).not.toBe(oldKey);

    const cancel = adminPage.getByRole("region", { name: "解約" });
    await cancel.getByLabel("解約の理由").fill("発注者による工事の中止");
    await cancel.getByLabel(/解約すると元に戻せないことを確認しました/).check();
    await cancel.getByRole("button", { name: "解約する" }).click();
    await expect(adminPage.getByText("発注者による工事の中止")).toBeVisible();
    await expect(adminPage.getByRole("region", { name: "解約" })).toHaveCount(0);
    await screenshot(adminPage, "admin-contract-cancelled");
    await admin.close();

    // The orderer: the old key gets the generic failure, the new one shows 解約.
    const orderer = await browser.newContext();
    const dsure = await orderer.newPage();
    await dsure.goto("/dsure");
    await dsure.getByLabel("保証契約番号").fill(contractNumber);
    await dsure.getByLabel("認証キー").fill(oldKey);
    await dsure.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(dsure.getByRole("alert").filter({ hasText: "保証契約番号または認証キーが正しくありません" })).toBeVisible();
    await dsure.getByLabel("保証契約番号").fill(contractNumber);
    await dsure.getByLabel("認証キー").fill(newKey);
    await dsure.getByRole("button", { name: "電子証書を表示" }).click();
    await expect(dsure.getByRole("region", { name: "電子証書の状態" })).toContainText("解約");
    await orderer.close();

    // The contractor sees 解約 too, and can no longer ask for a change of it.
    await page.goto("/enet/changes");
    await expect(page.getByLabel("対象の保証契約").locator(`option[value="${contractNumber}"]`)).toHaveCount(0);
  });
});
