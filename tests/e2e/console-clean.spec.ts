/**
 * Every form page of the three portals, opened and (where a form can be sent empty) sent empty, with the browser
 * console watched by the tier's guard (support/test.ts): no React warning (a list without `key` …), no hydration
 * error, no failed script. React prints its warnings only in development, so this spec also runs against `next dev`
 * (npm test's development run).
 */
import { expect, test, type Page } from "./support/test";
import { loginAsContractor, loginAsStaff } from "./support";
import { dammCheckDigit } from "../../lib/contract-number/damm";

const devMode = process.env.E2E_NEXT_MODE === "dev";

async function visit(page: Page, path: string) {
  // Under next dev a page compiled for the first time can reload the one before it mid-navigation (ERR_ABORTED):
  // one more try then is the server's doing, not the page's.
  const response = await page.goto(path).catch((e: Error) => {
    if (devMode && e.message.includes("ERR_ABORTED")) return page.goto(path);
    throw e;
  });
  expect(response?.status(), path).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
}

test("e-Net保証: HOME, the three application forms (also sent empty), lists and registration", async ({ page }) => {
  test.setTimeout(devMode ? 600_000 : 120_000);
  await visit(page, "/enet/register");
  await visit(page, "/enet/login");
  await loginAsContractor(page);
  for (const path of ["/enet", "/enet/apply/advance-after-contract", "/enet/apply/intermediate", "/enet/applications", "/enet/certificates", "/enet/changes", "/enet/changes/new", "/enet/fee-statements"]) {
    await visit(page, path);
  }
  await visit(page, "/enet/apply/advance");
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.locator(".field__error").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Where 確認 saved the empty draft first, delete it, so other specs' lists hold only what they made.
  const saved = page.locator('input[name="applicationId"]');
  if (await saved.count()) {
    await visit(page, `/enet/applications/${await saved.inputValue()}/delete`);
    await page.getByRole("button", { name: "削除する" }).click();
    await expect(page).toHaveURL(/\/enet\/applications/);
  }
});

test("back office: every list and master screen", async ({ page }) => {
  test.setTimeout(devMode ? 600_000 : 120_000);
  await loginAsStaff(page, "staff-admin");
  for (const path of ["/admin", "/admin/applications", "/admin/changes", "/admin/contracts", "/admin/tasks", "/admin/registrations", "/admin/orderers", "/admin/rate-tables", "/admin/staff", "/admin/mail", "/admin/audit", "/admin/reconciliation", "/admin/dsure-alarms"]) {
    await visit(page, path);
  }
  await page.goto("/admin/orderers");
  await page.getByRole("link", { name: "鹿児島市" }).first().click();
  await page.waitForLoadState("networkidle");
});

test("D-Sure: the look-up form, sent with a wrong key", async ({ page }) => {
  test.setTimeout(devMode ? 300_000 : 60_000);
  await visit(page, "/dsure");
  await page.getByLabel("保証契約番号").fill(`2024-0999999-${dammCheckDigit("20240999999")}`); // well-formed, never issued
  await page.getByLabel("認証キー").fill("ABCD-EFGH-JKMN-PQRS");
  await page.getByRole("button", { name: "電子証書を表示" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "保証契約番号または認証キーが正しくありません" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await visit(page, "/dsure/verify");
});
