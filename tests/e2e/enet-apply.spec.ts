/**
 * e-Net保証 in Chromium: the login's one failure message, and a menu-1 application from the first field to 審査中 —
 * 一時保存 half-way, found again in 保存中・手続き中一覧, finished, confirmed and submitted — with 電子交付 refused for
 * a bid before 鹿児島市's start date. Another company's application answers 404.
 */
import { expect, test, type Page } from "./support/test";
import { loginAsContractor, runFixture, sql, waitForMail } from "./support";

/** The form's message region (Next.js keeps its own route announcer as a second alert on every page). */
const alert = (page: Page) => page.getByRole("main").getByRole("alert");

const REASON = "この発注者の電子保証は令和6年12月1日以降に入札を行う案件が対象です";

test("a failed login shows one message for a wrong password and for an unknown お客様ID", async ({ page }) => {
  await page.goto("/enet/login");
  await page.getByLabel("お客様ID").fill("demo-kensetsu");
  await page.getByLabel("パスワード").fill("not-the-password");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(alert(page)).toHaveText("お客様IDまたはパスワードが正しくありません");
  await expect(page).toHaveURL(/\/enet\/login/);
  await expect(page.getByLabel("お客様ID")).toHaveValue("demo-kensetsu"); // what was typed is kept

  await page.getByLabel("お客様ID").fill("nobody-here");
  await page.getByLabel("パスワード").fill("demo-pass-2024");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(alert(page)).toHaveText("お客様IDまたはパスワードが正しくありません");
});

test.describe("throttling", () => {
  // A client address of its own (the last X-Forwarded-For hop), so other tests' logins are not blocked.
  test.use({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });

  test("after five wrong passwords for one ID the login says plainly that it is paused; the pause is that ID's alone", async ({ page }) => {
    await page.goto("/enet/login");
    for (let i = 1; i <= 6; i++) {
      await page.getByLabel("お客様ID").fill("e2e-throttle");
      await page.getByLabel("パスワード").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "ログイン" }).click();
      await expect(alert(page)).toHaveText(
        i <= 5 ? "お客様IDまたはパスワードが正しくありません" : /一時的にログインを停止しています。しばらく経ってから再度お試しください/,
      );
      await expect(page.getByLabel("お客様ID")).toHaveValue("e2e-throttle");
    }
    // Another account from this address is not held up by it: its owner gets in.
    await page.getByLabel("お客様ID").fill("demo-doboku");
    await page.getByLabel("パスワード").fill("demo-pass-2024");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/enet$/);
  });
});

async function electronicOption(page: Page) {
  return page.getByRole("radio", { name: "電子交付を希望する" });
}

test("menu 1 from 一時保存 to 審査中, with 電子交付 refused for a bid before 2024-12-01", async ({ page }) => {
  const workName = `E2E 市道甲突線道路改良工事 ${Date.now()}`;
  await loginAsContractor(page);

  // HOME: the flyer's menu, the company and the user.
  await expect(page.getByText("株式会社サンプル建設")).toBeVisible();
  await expect(page.getByText("薩摩 花子 様").first()).toBeVisible();
  const menu = page.getByRole("list", { name: "e-Net保証メニュー" });
  for (const name of [
    "前払金保証・契約保証 申込",
    "契約保証済の前払金保証 申込",
    "中間前払金保証 申込",
    "保存中・手続き中一覧",
    "保証契約締結後の変更",
  ]) {
    await expect(menu.getByRole("link", { name })).toBeVisible();
  }
  await expect(menu.getByRole("link", { name: "電子証書の確認はこちら" })).toHaveAttribute("href", "/enet/certificates");

  await menu.getByRole("link", { name: "前払金保証・契約保証 申込" }).click();
  await expect(page).toHaveURL(/\/enet\/apply\/advance$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("前払金保証・契約保証 申込");

  await page.getByLabel("発注者").selectOption({ label: "鹿児島市" });
  await page.getByLabel("担当課").selectOption({ label: "建設局 道路部 道路建設課" });
  await page.getByLabel("工事名").fill(workName);
  await page.getByLabel("工事場所").fill("鹿児島市山下町地内");
  await page.getByRole("radio", { name: "工事", exact: true }).check();

  // Before the start date: the option is disabled and the reason is shown.
  await page.getByLabel("入札日").fill("2024-11-30");
  await expect(await electronicOption(page)).toBeDisabled();
  await expect(page.getByText(REASON)).toBeVisible();
  await expect(page.getByRole("radio", { name: "書面で受け取る" })).toBeEnabled();

  // On the start date (typed in full-width digits): eligible.
  await page.getByLabel("入札日").fill("２０２４年１２月１日");
  await expect(await electronicOption(page)).toBeEnabled();
  await expect(page.getByText(REASON)).toHaveCount(0);
  await (await electronicOption(page)).check();

  await page.getByRole("button", { name: "一時保存" }).click();
  await expect(page.getByText("一時保存しました")).toBeVisible();
  await expect(page).toHaveURL(/\/enet\/applications\/[0-9a-f-]+\/edit\?saved=1$/);

  // Found again in 保存中・手続き中一覧.
  await page.goto("/enet");
  await page.getByRole("list", { name: "e-Net保証メニュー" }).getByRole("link", { name: "保存中・手続き中一覧" }).click();
  const row = page.getByRole("row").filter({ hasText: workName });
  await expect(row).toContainText("保存中");
  await expect(row).toContainText("鹿児島市");
  await row.getByRole("link", { name: "続きから入力" }).click();

  // Everything saved came back.
  await expect(page.getByLabel("工事名")).toHaveValue(workName);
  await expect(page.getByLabel("入札日")).toHaveValue("2024-12-01");
  await expect(page.getByLabel("担当課")).toHaveValue(/.+/);
  await expect(await electronicOption(page)).toBeChecked();

  await page.getByLabel("契約日").fill("2024-12-10");
  await page.getByLabel("工期（自）").fill("2024-12-11");
  await page.getByLabel("工期（至）").fill("2099-03-31"); // far ahead: a 工期（至） that has passed cannot be submitted
  await page.getByLabel("請負代金額").fill("１２，０００，０００");
  await page.getByRole("textbox", { name: "前払金額", exact: true }).fill("4,800,001"); // over 4/10: refused beside the field
  await page.getByLabel("契約保証（特約）を申し込む").check();
  await page.getByLabel("契約保証金額").fill("1,200,000");
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByText("前払金額は請負代金額の10分の4以下（4,800,000円以下）で入力してください")).toBeVisible();
  await expect(page.getByLabel("請負代金額")).toHaveValue("１２，０００，０００"); // nothing typed is lost

  await page.getByRole("textbox", { name: "前払金額", exact: true }).fill("4,800,000");
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page).toHaveURL(/\/confirm$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("申込内容の確認");
  const summary = page.getByLabel("申込内容");
  for (const text of [workName, "鹿児島市", "建設局 道路部 道路建設課", "令和6年12月1日", "12,000,000円", "4,800,000円", "1,200,000円", "電子交付を希望する", "前払金保証・契約保証"]) {
    await expect(summary).toContainText(text);
  }

  await page.getByRole("button", { name: "申込む" }).click();
  await expect(page.getByText("申込みを受け付けました")).toBeVisible();
  await expect(page.getByText("審査中", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "続きから入力" })).toHaveCount(0); // read-only now

  await page.goto("/enet/applications");
  const submitted = page.getByRole("row").filter({ hasText: workName });
  await expect(submitted).toContainText("審査中");
  await expect(submitted.getByRole("link", { name: "削除" })).toHaveCount(0);

  const mail = await waitForMail((m) => m.subject === "保証申込受付のお知らせ" && (m.text ?? "").includes(workName));
  expect(JSON.stringify(mail.to)).toContain("info@sample-kensetsu.example.jp");
});

test("menu 3 builds on a concluded 前払金保証: filled from it, with its 前払金額 fixed by the server", async ({ page }) => {
  const workName = `E2E 中間前払金 ${Date.now()}`;
  const { contractNumber } = runFixture<{ contractNumber: string }>("afterConclusionGuarantee", { workName });
  await loginAsContractor(page);
  await page.getByRole("list", { name: "e-Net保証メニュー" }).getByRole("link", { name: "中間前払金保証 申込" }).click();
  await page.getByRole("radio", { name: new RegExp(contractNumber) }).check();
  await page.getByRole("button", { name: "選択して入力へ進む" }).click();

  await expect(page.getByLabel("工事名")).toHaveValue(workName);
  await expect(page.getByRole("textbox", { name: "発注者" })).toHaveValue("鹿児島市");
  const advance = page.getByRole("textbox", { name: "前払金額", exact: true });
  await expect(advance).toHaveValue("40,000,000円");
  await expect(advance).toHaveAttribute("readonly", "");

  await page.getByLabel("中間前払金額").fill("20,000,001");
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByText("中間前払金額は請負代金額の10分の2以下（20,000,000円以下）で入力してください")).toBeVisible();
  await expect(page.getByLabel("工事名")).toHaveValue(workName);

  await page.getByLabel("中間前払金額").fill("20,000,000");
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page).toHaveURL(/\/confirm$/);
  const summary = page.getByLabel("申込内容");
  for (const text of ["中間前払金保証", contractNumber, "40,000,000円", "20,000,000円"]) await expect(summary).toContainText(text);
  await page.getByRole("button", { name: "申込む" }).click();
  await expect(page.getByText("申込みを受け付けました")).toBeVisible();
  const [stored] = await sql<{ status: string; advanceAmount: string; menu: string }>(
    `SELECT "status", "advanceAmount"::text AS "advanceAmount", "menu" FROM "GuaranteeApplication" WHERE "workName" = $1 AND "menu" = 'INTERMEDIATE'`,
    [workName],
  );
  expect(stored).toEqual({ status: "SUBMITTED", advanceAmount: "40000000", menu: "INTERMEDIATE" });
});

test("another company's application is the same 404 as a missing one", async ({ page, consoleGuard }) => {
  consoleGuard.allow(/status of 404 \(Not Found\) \(http:\/\/[^/]+\/enet\/applications\//); // the 404s asked for below
  const [other] = await sql<{ id: string }>(
    `INSERT INTO "GuaranteeApplication" ("id", "companyId", "createdById", "menu", "status", "workName", "updatedAt")
     SELECT gen_random_uuid(), "companyId", "id", 'ADVANCE', 'DRAFT', '他社の工事', now()
     FROM "ContractorUser" WHERE "customerId" = 'demo-doboku' RETURNING "id"`,
  );
  await loginAsContractor(page);
  for (const path of [`/enet/applications/${other!.id}`, `/enet/applications/${other!.id}/edit`, "/enet/applications/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("他社の工事")).toHaveCount(0);
  }
  await page.goto("/enet/applications");
  await expect(page.getByText("他社の工事")).toHaveCount(0);
});
