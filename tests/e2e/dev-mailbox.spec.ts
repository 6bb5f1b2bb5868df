/**
 * The development mailbox /dev/mailbox.
 *
 * In the normal e2e run (production build, `next start`) it must not exist. The development part needs `next dev`
 * with the e2e SMTP sink's folder as DEV_MAILBOX_DIR and E2E_NEXT_MODE=dev in the test's environment, e.g. an e2e
 * server variant that starts `next dev` (NODE_ENV=development) with DEV_MAILBOX_DIR=<state.mailDir> and
 * SMTP_URL=smtp://127.0.0.1:<state.smtpPort>, writing the same .data/e2e/state.json.
 */
import nodemailer from "nodemailer";
import { expect, test } from "./support/test";
import { e2eState, screenshot, sql } from "./support";

const devMode = process.env.E2E_NEXT_MODE === "dev";

test.describe("production build", () => {
  test.skip(devMode, "runs against next start");

  test("/dev/mailbox and its downloads do not exist (404)", async ({ request }) => {
    for (const path of ["/dev/mailbox", "/dev/mailbox/1700000000000-aaaaaa", "/dev/mailbox/1700000000000-aaaaaa/raw", "/dev/mailbox/1700000000000-aaaaaa/attachments/0"]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });
});

test.describe("development server (next dev)", () => {
  test.skip(!devMode, "needs next dev with DEV_MAILBOX_DIR (E2E_NEXT_MODE=dev)");

  test("a mail sent by the outbox appears at /dev/mailbox and opens with its headers, text and HTML", async ({ page, consoleGuard }) => {
    consoleGuard.allow(/Blocked script execution in 'about:srcdoc'/); // the mail's own script, blocked by the sandbox on purpose
    const subject = `開発用メールボックス確認 ${Date.now()}`;
    await sql(
      `INSERT INTO "MailOutbox" (id, template, "toAddress", subject, text, html)
       VALUES (gen_random_uuid(), 'APPLICATION_RECEIVED', 'dev-mailbox@example.jp', $1, $2, $3)`,
      [subject, "テキスト本文です。", `<p>HTML本文です。<script>document.title="x"</script></p>`],
    );
    await expect(async () => {
      await page.goto("/dev/mailbox");
      await expect(page.getByRole("link", { name: subject })).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 90_000 });
    const row = page.getByRole("row").filter({ hasText: subject });
    await expect(row).toContainText("dev-mailbox@example.jp");
    await screenshot(page, "dev-mailbox-list");

    await page.getByRole("link", { name: subject }).click();
    await expect(page).toHaveURL(/\/dev\/mailbox\/\d+-[a-z0-9]+$/);
    await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await expect(page.getByText("テキスト本文です。")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "message-id" })).toBeVisible();
    // The HTML part is displayed in a sandboxed frame: its script does not run.
    const frame = page.frameLocator('iframe[title="HTML本文"]');
    await expect(frame.getByText("HTML本文です。")).toBeVisible();
    await expect(page.locator('iframe[title="HTML本文"]')).toHaveAttribute("sandbox", "");
    await screenshot(page, "dev-mailbox-mail");
  });

  test("attachments can be downloaded", async ({ page }) => {
    const subject = `添付ファイル確認 ${Date.now()}`;
    const pdf = Buffer.from("%PDF-1.4\n% e2e attachment\n");
    const smtp = nodemailer.createTransport({ host: "127.0.0.1", port: e2eState().smtpPort, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      from: "電子保証 <no-reply@denshi-hosho.example.jp>",
      to: "dev-mailbox@example.jp",
      subject,
      text: "添付があります。",
      attachments: [{ filename: "認証キー等のお知らせ_2024-0000001-3.pdf", content: pdf, contentType: "application/pdf" }],
    });
    smtp.close();
    await expect(async () => {
      await page.goto("/dev/mailbox");
      await page.getByRole("link", { name: subject }).click({ timeout: 10_000 });
    }).toPass({ timeout: 90_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "認証キー等のお知らせ_2024-0000001-3.pdf" }).click()]);
    expect(download.suggestedFilename()).toBe("認証キー等のお知らせ_2024-0000001-3.pdf");
    const fs = await import("node:fs");
    expect(fs.readFileSync((await download.path())!).equals(pdf)).toBe(true);
  });

  test("ids that are not mailbox file names are 404 (no path traversal)", async ({ request }) => {
    for (const path of ["/dev/mailbox/..%2F..%2Fpackage.json", "/dev/mailbox/%2e%2e", "/dev/mailbox/1700000000000-zzzzzz", "/dev/mailbox/..%2Fsecrets/raw", "/dev/mailbox/1700000000000-zzzzzz/attachments/0"]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });
});
