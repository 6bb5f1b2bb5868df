/**
 * システム管理者 keeps master data in a real browser: a new 料率表 version, a staff account whose role a second
 * システム管理者 approves (and whose password comes by a mailed link), and the audit log that records them; other roles
 * are turned away from these screens.
 */
import { expect, test } from "./support/test";
import { loginAsStaff, screenshot, sql, waitForMail } from "./support";

test("管理者が料率表の新しい版と職員を登録し、もう一人の管理者が権限の付与を承認し、監査ログで確認する", async ({ page, browser }) => {
  test.setTimeout(120_000);
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

  // 職員: a mistake is shown beside its field and what was typed stays; then the account is created, waiting for a
  // second システム管理者 (the one who asked cannot approve it).
  const staffEmail = `e2e-${Date.now()}@surety.example.jp`;
  await page.goto("/admin/staff");
  await page.getByLabel("職員ID").fill("staff-e2e");
  await page.getByLabel("氏名").fill("試験 六郎");
  await page.getByLabel("メールアドレス").fill("not-an-address");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByText("メールアドレスの形式が正しくありません")).toBeVisible();
  await expect(page.getByLabel("職員ID")).toHaveValue("staff-e2e");
  await page.getByLabel("メールアドレス").fill(staffEmail);
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByText("職員ID「staff-e2e」を登録しました")).toBeVisible();
  const pending = page.getByRole("row").filter({ hasText: "新規登録（審査担当）" }).filter({ hasText: "staff-e2e" });
  await expect(pending).toContainText("別のシステム管理者が承認します");
  await expect(pending.getByRole("button", { name: "承認する" })).toHaveCount(0);

  // The second システム管理者 approves; the new member gets the link by mail and sets a password.
  const kanri = await browser.newPage();
  await loginAsStaff(kanri, "staff-kanri");
  await kanri.goto("/admin/staff");
  const newGrant = kanri.getByRole("row").filter({ hasText: "staff-e2e" }).filter({ hasText: "新規登録" });
  await newGrant.getByRole("button", { name: "承認する" }).click();
  await expect(newGrant).toHaveCount(0); // decided: no longer waiting
  const mail = await waitForMail((m) => m.subject === "職員ID登録のお知らせ" && JSON.stringify(m.to).includes(staffEmail));
  const link = /(\/admin\/setup-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? "")![1]!;
  const member = await browser.newPage();
  await member.goto(link);
  await expect(member.getByText("staff-e2e", { exact: true })).toBeVisible();
  await member.getByRole("textbox", { name: "パスワード", exact: true }).fill("e2e-initial-pass-2026");
  await member.getByLabel("パスワード（確認）").fill("e2e-initial-pass-2026");
  await member.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(member).toHaveURL(/\/admin\/login\?setup=1$/);
  await member.getByLabel("職員ID").fill("staff-e2e");
  await member.getByLabel("パスワード").fill("e2e-initial-pass-2026");
  await member.getByRole("button", { name: "ログイン" }).click();
  await expect(member).toHaveURL(/\/admin$/);

  // A raise of the role by staff-admin takes effect only when staff-kanri approves it.
  await page.goto("/admin/staff");
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "staff-e2e", exact: true }) }).last();
  await row.getByLabel("staff-e2eの権限").selectOption("APPROVER");
  await row.getByRole("button", { name: "権限を変更" }).click();
  await expect(page.getByText("権限の付与を申請しました。別のシステム管理者が承認すると有効になります。")).toBeVisible();
  const roleOf = async () => (await sql<{ role: string }>(`SELECT role FROM "StaffUser" WHERE "staffId" = 'staff-e2e'`))[0]!.role;
  expect(await roleOf()).toBe("REVIEWER");
  await kanri.goto("/admin/staff");
  const raise = kanri.getByRole("row").filter({ hasText: "審査担当 → 承認者" });
  await raise.getByRole("button", { name: "承認する" }).click();
  await expect(raise).toHaveCount(0);
  await expect(kanri.getByText("承認待ちの権限付与はありません。")).toBeVisible();
  expect(await roleOf()).toBe("APPROVER");
  await screenshot(kanri, "admin-staff-grants");

  await page.goto("/admin/audit");
  await expect(page.getByRole("cell", { name: "staff.create", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "staff.role_grant.approve", exact: true }).first()).toBeVisible();
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
