/**
 * システム管理者 keeps master data in a real browser: a new 料率表 version, a staff account, and the audit log that
 * records both; other roles are turned away from these screens.
 */
import { expect, test } from "./support/test";
import { loginAsStaff, screenshot, sql } from "./support";

test("管理者が料率表の新しい版と職員を登録し、監査ログで確認する", async ({ page }) => {
  await loginAsStaff(page, "staff-admin");

  // 料率表: based on the current 中間前払金保証 table, effective from a future date.
  await page.goto("/admin/rate-tables");
  await expect(page.getByRole("heading", { name: "中間前払金保証", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "この版をもとに新しい版を作成" }).first().click();
  await expect(page).toHaveURL(/from=/);
  await expect(page.getByLabel("名称")).toHaveValue("前払金保証料率 サンプル料率"); // the form now holds the base version
  await page.getByLabel("保証の種類").selectOption("INTERMEDIATE_ADVANCE");
  await page.getByLabel("名称").fill("中間前払金保証料率 e2e改定");
  await page.getByLabel("適用開始日").fill("2099-04-01");
  await page.getByLabel("区分1の保証金額の上限").fill("");
  await page.getByLabel("区分1の料率（％）").fill("０．０７");
  for (let i = 2; i <= 4; i++) {
    await page.getByLabel(`区分${i}の保証金額の上限`).fill("");
    await page.getByLabel(`区分${i}の料率（％）`).fill("");
    await page.getByLabel(`区分${i}の定額`).fill("");
  }
  await page.getByRole("button", { name: "新しい版を登録する" }).click();
  await expect(page.getByText("2099-04-01から適用する版として登録しました")).toBeVisible();
  await expect(page.getByRole("heading", { name: /中間前払金保証料率 e2e改定.*適用予定/ })).toBeVisible();
  const [rt] = await sql<{ ratePpm: number }>(
    `SELECT b."ratePpm" FROM "RateTable" t JOIN "RateBand" b ON b."rateTableId" = t.id WHERE t.name = $1`,
    ["中間前払金保証料率 e2e改定"],
  );
  expect(rt!.ratePpm).toBe(700);

  // 職員: a mistake is shown beside its field and what was typed stays; then the account is created.
  await page.goto("/admin/staff");
  await page.getByLabel("職員ID").fill("staff-e2e");
  await page.getByLabel("氏名").fill("試験 六郎");
  await page.getByLabel("メールアドレス").fill("e2e@surety.example.jp");
  await page.getByLabel("初期パスワード").fill("short");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByText("初期パスワードは12文字以上で入力してください")).toBeVisible();
  await expect(page.getByLabel("職員ID")).toHaveValue("staff-e2e");
  await page.getByLabel("初期パスワード").fill("e2e-initial-pass-2026");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByText("職員ID「staff-e2e」を登録しました")).toBeVisible();
  await expect(page.getByRole("cell", { name: "staff-e2e", exact: true })).toBeVisible();

  await page.goto("/admin/audit");
  await expect(page.getByRole("cell", { name: "staff.create", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "rate-table.create", exact: true }).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText("e2e-initial-pass-2026");
  await screenshot(page, "admin-audit-log");
});

test("審査担当・承認者はマスタ管理と監査ログを開けない", async ({ page }) => {
  await loginAsStaff(page, "staff-tanto");
  for (const path of ["/admin/audit", "/admin/staff", "/admin/rate-tables", "/admin/orderers", "/admin/registrations"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/forbidden$/);
  }
});
