/**
 * 二段階認証 (TOTP) in Chromium: a new 承認者 can do nothing before setting it; the QR code read from the screen gives
 * the secret; logins then ask for a 確認コード, and a code (or a リカバリーコード) is accepted once. A 承認者 without it
 * cannot conclude: the server refuses the action even when the button was on the screen.
 */
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, test, type Page } from "./support/test";
import { DEMO_PASSWORD, answerSecondFactor, nextTotpCode, runFixture, screenshot, sql } from "./support";

async function passwordStep(page: Page, staffId: string) {
  await page.goto("/admin/login");
  await page.getByLabel("職員ID").fill(staffId);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
}

async function logout(page: Page) {
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
}

/** The text of the QR code on the screen, decoded from a screenshot of its image. */
async function readQrCode(page: Page): Promise<string> {
  const png = PNG.sync.read(await page.getByRole("img", { name: "認証アプリに登録するQRコード" }).screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(found, "the QR code can be read").not.toBeNull();
  return found!.data;
}

test("a new 承認者 sets 二段階認証 from the QR code, then logs in with a code, and a code works once", async ({ page }) => {
  test.setTimeout(150_000);
  const staffId = `e2e-totp-${Date.now()}`;
  runFixture("staffAccount", { staffId, role: "APPROVER", name: "二段階 承認" });

  // Before setting it, every page leads to the setting.
  await passwordStep(page, staffId);
  await expect(page).toHaveURL(/\/admin\/two-factor$/);
  await expect(page.getByText("承認者・システム管理者は、二段階認証を設定するまで業務を行えません。")).toBeVisible();
  await page.goto("/admin/applications");
  await expect(page).toHaveURL(/\/admin\/two-factor$/);

  const uri = new URL(await readQrCode(page));
  expect(uri.protocol).toBe("otpauth:");
  expect(decodeURIComponent(uri.pathname)).toContain(staffId);
  const secret = uri.searchParams.get("secret")!;
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByText(secret.match(/.{4}/g)!.join(" "))).toBeVisible(); // the same key, for typing in
  await screenshot(page, "admin-two-factor-setup");

  await page.getByLabel(/確認コード/).fill("000000");
  await page.getByRole("button", { name: "設定する" }).click();
  await expect(page.getByText("確認コードが正しくありません。認証アプリの新しいコードを入力してください")).toBeVisible();
  await page.getByLabel(/確認コード/).fill(await nextTotpCode(staffId, secret));
  await page.getByRole("button", { name: "設定する" }).click();
  await expect(page.getByText("二段階認証を設定しました。")).toBeVisible();
  const recovery = (await page.getByRole("list", { name: "リカバリーコード一覧" }).getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(recovery).toHaveLength(10);
  for (const c of recovery) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await screenshot(page, "admin-two-factor-recovery-codes");
  const [stored] = await sql<{ totpSecret: string }>(`SELECT "totpSecret" FROM "StaffUser" WHERE "staffId" = $1`, [staffId]);
  expect(stored!.totpSecret).not.toContain(secret); // sealed
  await page.getByRole("link", { name: "控えました（業務システムへ進む）" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await logout(page);

  // The next login asks for a code.
  await passwordStep(page, staffId);
  const code = await nextTotpCode(staffId, secret);
  await page.getByLabel(/確認コード/).fill(code);
  await page.getByRole("button", { name: "確認してログイン" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await logout(page);

  // The same code again is refused (accepted once), also within its 30 seconds; the form stays on the code step.
  await passwordStep(page, staffId);
  await page.getByLabel(/確認コード/).fill(code);
  await page.getByRole("button", { name: "確認してログイン" }).click();
  await expect(page.getByText("確認コードが正しくないか、使用済みです。")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/login$/);

  // A リカバリーコード instead (typed in lower case, without the hyphen), once.
  await page.getByLabel(/確認コード/).fill(recovery[0]!.replace("-", "").toLowerCase());
  await page.getByRole("button", { name: "確認してログイン" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await logout(page);
  await passwordStep(page, staffId);
  await page.getByLabel(/確認コード/).fill(recovery[0]!);
  await page.getByRole("button", { name: "確認してログイン" }).click();
  await expect(page.getByText("確認コードが正しくないか、使用済みです。")).toBeVisible();
  await answerSecondFactor(page, staffId, secret);
  await expect(page).toHaveURL(/\/admin$/);
});

test("a 承認者 without 二段階認証 cannot conclude: the server refuses the action the page offered", async ({ page }) => {
  const staffId = `e2e-noconclude-${Date.now()}`;
  const secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
  runFixture("staffAccount", { staffId, role: "APPROVER", secret });
  const workName = `市道二段階線舗装工事 ${Date.now()}`;
  const { applicationId } = runFixture<{ applicationId: string }>("reviewedApplication", { workName });

  await passwordStep(page, staffId);
  await answerSecondFactor(page, staffId, secret);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(`/admin/applications/${applicationId}`);
  const conclude = page.getByRole("button", { name: "保証契約を締結する" });
  await expect(conclude).toBeVisible();

  // Its second factor goes (as if it had never been set) while the page is open.
  await sql(`UPDATE "StaffUser" SET "totpSecret" = NULL, "totpEnabledAt" = NULL WHERE "staffId" = $1`, [staffId]);
  await conclude.click();
  await expect(page.getByText("二段階認証を設定するまで、この操作はできません。")).toBeVisible();
  const rows = await sql<{ status: string; contracts: number }>(
    `SELECT a.status, (SELECT count(*)::int FROM "GuaranteeContract" c WHERE c."applicationId" = a.id) AS contracts
     FROM "GuaranteeApplication" a WHERE a.id = $1`,
    [applicationId],
  );
  expect(rows).toEqual([{ status: "REVIEWED", contracts: 0 }]);
  await page.goto(`/admin/applications/${applicationId}`);
  await expect(page).toHaveURL(/\/admin\/two-factor$/);
});
