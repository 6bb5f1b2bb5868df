/**
 * Maker–checker in a real browser: 審査担当 (staff-tanto) reviews a submitted application and cannot conclude it;
 * 承認者 (staff-shonin) concludes it and sees the 保証契約番号; the contractor receives 「電子証書・認証キー登録のお知らせ」
 * without the key in it. Also 差戻し with its mail.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "./support/test";
import { e2eState, loginAsStaff, screenshot, sql, waitForMail } from "./support";

function adminFixture<T>(name: string, args: Record<string, unknown> = {}): T {
  const state = e2eState();
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve(__dirname, "../support/admin-fixtures-cli.ts"), name, JSON.stringify(args)],
    { env: { ...process.env, ...state.serverEnv, NODE_ENV: "test" }, encoding: "utf8", timeout: 90_000 },
  );
  if (r.status !== 0) throw new Error(`fixture ${name} failed: ${r.stderr}`);
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!) as T;
}

async function staffPage(browser: Browser, staffId: "staff-tanto" | "staff-shonin" | "staff-admin"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAsStaff(page, staffId);
  return page;
}

/** Finds the application in the queue by its 工事名 and opens it. */
async function openFromQueue(page: Page, workName: string, status?: string) {
  await page.goto(`/admin/applications${status ? `?status=${status}` : ""}`);
  await page.getByRole("link", { name: workName }).click();
  await expect(page.getByRole("heading", { name: "保証申込の審査" })).toBeVisible();
}

test("審査担当が審査完了にし、承認者が締結して保証契約番号を確認する（審査担当には締結の操作がない）", async ({ browser }) => {
  const workName = `市道e2e線道路改良工事 ${Date.now()}`;
  const app = adminFixture<{ id: string }>("submittedApplication", { workName, withContractGuarantee: true });

  // 審査担当: the queue shows it with its fee; 審査完了.
  const tanto = await staffPage(browser, "staff-tanto");
  await tanto.goto("/admin/applications");
  const row = tanto.getByRole("row").filter({ hasText: workName });
  await expect(row).toContainText("審査中");
  await expect(row).toContainText("37,000円"); // 前払金 ¥40,000,000 × 0.08% + 契約保証 ¥10,000,000 × 0.05% (サンプル料率)
  await openFromQueue(tanto, workName);
  await expect(tanto.getByText("電子交付の対象", { exact: true })).toBeVisible();
  await expect(tanto.getByRole("button", { name: "保証契約を締結する" })).toHaveCount(0);
  await tanto.getByRole("button", { name: "審査完了" }).click();
  await expect(tanto.getByText("審査完了にしました")).toBeVisible();
  await expect(tanto.getByText("審査完了（承認待ち）").first()).toBeVisible();
  await tanto.reload();
  await expect(tanto.getByText("承認者による締結を待っています。", { exact: true })).toBeVisible();
  await expect(tanto.getByRole("button", { name: "保証契約を締結する" })).toHaveCount(0);
  await screenshot(tanto, "admin-reviewed-by-tanto");

  // 承認者: concludes; two contracts (前払金保証 + 契約保証), each with its own number.
  const shonin = await staffPage(browser, "staff-shonin");
  await openFromQueue(shonin, workName, "REVIEWED");
  await shonin.getByRole("button", { name: "保証契約を締結する" }).click();
  const done = shonin.getByText(/保証契約を締結しました。保証契約番号：\d{4}-\d{7}-\d、\d{4}-\d{7}-\d/);
  await expect(done).toBeVisible();
  const numbers = ((await done.textContent()) ?? "").match(/\d{4}-\d{7}-\d/g) ?? [];
  expect(new Set(numbers).size).toBe(2);
  await shonin.reload();
  for (const n of numbers) await expect(shonin.getByRole("cell", { name: n, exact: true })).toBeVisible();
  await expect(shonin.getByRole("button", { name: "保証契約を締結する" })).toHaveCount(0);
  await screenshot(shonin, "admin-concluded-by-shonin");

  const rows = await sql<{ contractNumber: string; status: string }>(
    `SELECT c."contractNumber", a.status FROM "GuaranteeContract" c JOIN "GuaranteeApplication" a ON a.id = c."applicationId" WHERE a.id = $1`,
    [app.id],
  );
  expect(rows.map((r) => r.contractNumber).sort()).toEqual([...numbers].sort());
  expect(rows.every((r) => r.status === "CONCLUDED")).toBe(true);

  // 審査担当 still finds no conclusion action on it.
  await tanto.goto(`/admin/applications/${app.id}`);
  await expect(tanto.getByRole("heading", { name: "締結した保証契約" })).toBeVisible();
  await expect(tanto.getByRole("button", { name: "保証契約を締結する" })).toHaveCount(0);

  // The contractor's mail names the number but never carries the 認証キー.
  const keys = adminFixture<string[]>("liveAuthKeys", { applicationId: app.id });
  expect(keys).toHaveLength(2);
  for (const n of numbers) {
    const mail = await waitForMail((m) => m.subject === "電子証書・認証キー登録のお知らせ" && (m.text ?? "").includes(n));
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toContain("info@sample-kensetsu.example.jp");
    const body = `${mail.text ?? ""}${typeof mail.html === "string" ? mail.html : ""}`;
    for (const k of keys) {
      expect(body).not.toContain(k);
      expect(body).not.toContain(k.match(/.{4}/g)!.join("-"));
    }
  }
});

test("審査担当が理由を付けて差戻すと、請負者に差戻しのお知らせが届く", async ({ browser }) => {
  const workName = `差戻しe2e工事 ${Date.now()}`;
  const app = adminFixture<{ id: string }>("submittedApplication", { workName, customerId: "demo-doboku" });
  const tanto = await staffPage(browser, "staff-tanto");
  await tanto.goto(`/admin/applications/${app.id}`);
  await tanto.getByText("差戻す", { exact: true }).click();
  await tanto.getByRole("button", { name: "差戻し" }).click();
  await expect(tanto.getByText("差戻し理由を入力してください").first()).toBeVisible();
  await tanto.getByLabel("差戻し理由").fill("前払金額が請負代金額の10分の4を超えていないか、契約書の写しで確認させてください。");
  await tanto.getByRole("button", { name: "差戻し" }).click();
  await expect(tanto.getByText("差戻しました。")).toBeVisible();
  const [{ status }] = await sql<{ status: string }>(`SELECT status FROM "GuaranteeApplication" WHERE id = $1`, [app.id]);
  expect(status).toBe("RETURNED");
  const mail = await waitForMail((m) => m.subject === "差戻しのお知らせ" && (m.text ?? "").includes(workName));
  expect(mail.text).toContain("契約書の写し");
});
