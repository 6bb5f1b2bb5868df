/**
 * ID登録申請 and the password-setup link in Chromium: the request is received (and its mail arrives), the link sets a
 * password once, the new お客様ID logs in, and the same link then tells plainly that it is used up.
 */
import crypto from "node:crypto";
import { expect, test, type Page } from "./support/test";
import { receivedMails, sql, waitForMail } from "./support";

const alert = (page: Page) => page.getByRole("main").getByRole("alert");

test("ID登録申請: messages beside the fields, then the request is received and acknowledged by mail", async ({ page }) => {
  const email = `e2e-${Date.now()}@sakurajima-gumi.example.jp`;
  await page.goto("/enet/login");
  await page.getByRole("link", { name: "ID登録申請" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ID登録申請");

  await page.getByLabel("商号（会社名）").fill("株式会社桜島組");
  await page.getByLabel("メールアドレス").fill("not-an-address");
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByText("代表者を入力してください")).toBeVisible();
  await expect(page.getByText("メールアドレスの形式が正しくありません（例：info@example.co.jp）")).toBeVisible();
  await expect(page.getByLabel("商号（会社名）")).toHaveValue("株式会社桜島組");

  await page.getByLabel("代表者").fill("代表取締役 桜島 一郎");
  await page.getByLabel("所在地").fill("鹿児島県鹿児島市桜島横山町1番地");
  await page.getByLabel("建設業許可番号").fill("鹿児島県知事許可（般-6）第11111号");
  await page.getByLabel("ご担当者名").fill("桜島 花子");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("電話番号").fill("099-222-3333");
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByText("ID登録申請を受け付けました。")).toBeVisible();

  const rows = await sql<{ status: string }>(`SELECT "status" FROM "RegistrationRequest" WHERE "email" = $1`, [email]);
  expect(rows).toEqual([{ status: "PENDING" }]);
  await waitForMail((m) => m.subject === "ID登録申請受付のお知らせ" && JSON.stringify(m.to).includes(email));
});

test("the password-setup link works once, and the new お客様ID can log in", async ({ page }) => {
  // An approved registration as the back office leaves it: a user without a password and a hashed token.
  const token = crypto.randomBytes(32).toString("base64url");
  const customerId = `c${String(Date.now()).slice(-7)}`;
  await sql(
    `WITH u AS (
       INSERT INTO "ContractorUser" ("id", "companyId", "customerId", "name", "email", "updatedAt")
       SELECT gen_random_uuid(), "companyId", $1, '新人 太郎', 'shinjin@example.jp', now()
       FROM "ContractorUser" WHERE "customerId" = 'demo-kensetsu' RETURNING "id")
     INSERT INTO "PasswordSetupToken" ("id", "userId", "tokenHash", "expiresAt")
     SELECT gen_random_uuid(), u."id", $2, now() + interval '24 hours' FROM u`,
    [customerId, crypto.createHash("sha256").update(token).digest("hex")],
  );

  await page.goto(`/enet/setup-password?token=${token}`);
  await expect(page.getByText(customerId)).toBeVisible();
  await page.getByRole("textbox", { name: "パスワード", exact: true }).fill("sakurajima-no-hai");
  await page.getByLabel("パスワード（確認）").fill("sakurajima-no-haj");
  await page.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(page.getByText("パスワードが一致しません。同じパスワードをもう一度入力してください")).toBeVisible();

  await page.getByRole("textbox", { name: "パスワード", exact: true }).fill("sakurajima-no-hai");
  await page.getByLabel("パスワード（確認）").fill("sakurajima-no-hai");
  await page.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(page).toHaveURL(/\/enet\/login\?setup=1$/);
  await expect(page.getByText("パスワードを設定しました。")).toBeVisible();

  await page.getByLabel("お客様ID").fill(customerId);
  await page.getByLabel("パスワード").fill("sakurajima-no-hai");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/enet$/);
  await expect(page.getByText("新人 太郎 様").first()).toBeVisible();

  await page.goto(`/enet/setup-password?token=${token}`);
  await expect(alert(page)).toContainText("このリンクは使用済みか、有効期限が切れています。");
  await expect(page.getByLabel("パスワード（確認）")).toHaveCount(0);
});

test("パスワードの再設定 by mail: the link from the delivered mail works once, and not after an hour", async ({ page }) => {
  test.setTimeout(120_000);
  const customerId = `reset-${String(Date.now()).slice(-8)}`;
  const email = `${customerId}@example.jp`;
  await sql(
    `INSERT INTO "ContractorUser" ("id", "companyId", "customerId", "name", "email", "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), "companyId", $1, '再設定 花子', $2, "passwordHash", now() FROM "ContractorUser" WHERE "customerId" = 'demo-kensetsu'`,
    [customerId, email],
  );
  const mailsTo = async () => (await receivedMails()).filter((m) => m.subject === "パスワード再設定のお知らせ" && JSON.stringify(m.to).includes(email));
  const linkIn = (text: string) => /(\/enet\/setup-password\?token=[A-Za-z0-9_-]+)/.exec(text)![1]!;

  // An unknown ID gets the same answer (and nothing is mailed).
  await page.goto("/enet/login");
  await page.getByRole("link", { name: "パスワードをお忘れの方・設定用リンクの期限が切れた方" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("パスワードの再設定");
  await page.getByLabel(/お客様ID/).fill("no-such-customer");
  await page.getByRole("button", { name: "再設定のメールを送る" }).click();
  const answer = "お客様IDが登録されている場合は、ご登録のメールアドレスに「パスワード再設定のお知らせ」をお送りしました。";
  await expect(page.getByText(answer)).toBeVisible();

  await page.goto("/enet/forgot-password");
  await page.getByLabel(/お客様ID/).fill(customerId);
  await page.getByRole("button", { name: "再設定のメールを送る" }).click();
  await expect(page.getByText(answer)).toBeVisible();
  const mail = await waitForMail((m) => m.subject === "パスワード再設定のお知らせ" && JSON.stringify(m.to).includes(email));
  const link = linkIn(mail.text ?? "");
  const token = new URL(link, "http://x").searchParams.get("token")!;
  // Delivered: the token is nowhere in the outbox (nor in the token table, which keeps its hash).
  const [{ n }] = await sql<{ n: number }>(
    `SELECT (SELECT count(*) FROM "MailOutbox" m WHERE strpos(m::text, $1) > 0) + (SELECT count(*) FROM "PasswordSetupToken" t WHERE strpos(t::text, $1) > 0) AS n`,
    [token],
  );
  expect(Number(n)).toBe(0);

  await page.goto(link);
  await expect(page.getByText(customerId)).toBeVisible();
  await page.getByRole("textbox", { name: "パスワード", exact: true }).fill("sakurajima-no-reset");
  await page.getByLabel("パスワード（確認）").fill("sakurajima-no-reset");
  await page.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(page).toHaveURL(/\/enet\/login\?setup=1$/);
  await page.getByLabel("お客様ID").fill(customerId);
  await page.getByLabel("パスワード").fill("sakurajima-no-reset");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/enet$/);

  // Once only.
  await page.goto(link);
  await expect(alert(page)).toContainText("このリンクは使用済みか、有効期限が切れています。");

  // A second request; an hour after its sending, its link opens nothing.
  await page.context().clearCookies();
  await page.goto("/enet/forgot-password");
  await page.getByLabel(/お客様ID/).fill(customerId);
  await page.getByRole("button", { name: "再設定のメールを送る" }).click();
  await expect(page.getByText(answer)).toBeVisible();
  await expect.poll(async () => (await mailsTo()).length, { timeout: 30_000 }).toBe(2);
  const second = linkIn((await mailsTo()).find((m) => !(m.text ?? "").includes(link))!.text ?? "");
  const [{ minutes }] = await sql<{ minutes: number }>(
    `SELECT extract(epoch FROM t."expiresAt" - m."sentAt") / 60 AS minutes FROM "PasswordSetupToken" t
     JOIN "MailOutbox" m ON m."linkTokenId" = t.id WHERE t."usedAt" IS NULL AND m."toAddress" = $1`,
    [email],
  );
  expect(Number(minutes)).toBeGreaterThan(59.9);
  expect(Number(minutes)).toBeLessThan(60.1);
  await sql(
    `UPDATE "PasswordSetupToken" SET "expiresAt" = "expiresAt" - interval '1 hour'
     WHERE "usedAt" IS NULL AND "userId" = (SELECT id FROM "ContractorUser" WHERE "customerId" = $1)`,
    [customerId],
  );
  await page.goto(second);
  await expect(alert(page)).toContainText("このリンクは使用済みか、有効期限が切れています。");
  await expect(page.getByRole("link", { name: "パスワードの再設定" })).toBeVisible();
});
