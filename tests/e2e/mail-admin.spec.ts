/**
 * The mail outbox in the production build: the dispatcher started by instrumentation.ts delivers what is written to
 * the outbox, and a FAILED mail is listed at /admin/mail where ADMIN (only) can 「再送」 it.
 */
import { expect, test } from "./support/test";
import { loginAsStaff, screenshot, sql, waitForMail } from "./support";

async function insertMail(fields: { to: string; subject: string; status?: "PENDING" | "FAILED"; attempts?: number; lastError?: string }) {
  const rows = await sql<{ id: string }>(
    `INSERT INTO "MailOutbox" (id, template, "toAddress", subject, text, html, status, attempts, "lastError")
     VALUES (gen_random_uuid(), 'APPLICATION_RECEIVED', $1, $2, $3, $4, $5::"MailStatus", $6, $7) RETURNING id`,
    [fields.to, fields.subject, `${fields.subject} の本文`, `<p>${fields.subject} の本文</p>`, fields.status ?? "PENDING", fields.attempts ?? 0, fields.lastError ?? null],
  );
  return rows[0]!.id;
}

test("a mail written to the outbox is delivered over SMTP by the app server's own dispatcher", async () => {
  const subject = `配信確認 ${Date.now()}`;
  const id = await insertMail({ to: "outbox-e2e@example.jp", subject });
  const mail = await waitForMail((m) => m.subject === subject);
  expect(mail.text).toContain(`${subject} の本文`);
  await expect
    .poll(async () => (await sql<{ status: string }>(`SELECT status FROM "MailOutbox" WHERE id = $1`, [id]))[0]!.status)
    .toBe("SENT");
});

test("ADMIN sees a failed mail at /admin/mail and 「再送」 delivers it", async ({ page }) => {
  const subject = `送信失敗の再送 ${Date.now()}`;
  const id = await insertMail({ to: "resend-e2e@example.jp", subject, status: "FAILED", attempts: 8, lastError: "ESOCKET: connect ECONNREFUSED 127.0.0.1:25" });
  await loginAsStaff(page, "staff-admin");
  await page.goto("/admin/mail");
  await expect(page.getByRole("heading", { name: "メール送信状況" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("resend-e2e@example.jp");
  await expect(row).toContainText("8/8");
  await expect(row).toContainText("ECONNREFUSED");
  await screenshot(page, "admin-mail-failed");
  await row.getByRole("button", { name: /再送/ }).click();
  await expect(page.getByText("再送を受け付けました。まもなく送信されます。")).toBeVisible();

  const mail = await waitForMail((m) => m.subject === subject);
  expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("resend-e2e@example.jp");
  await expect
    .poll(async () => (await sql<{ status: string }>(`SELECT status FROM "MailOutbox" WHERE id = $1`, [id]))[0]!.status)
    .toBe("SENT");
  const audit = await sql<{ actorLabel: string }>(`SELECT "actorLabel" FROM "AuditLog" WHERE action = 'mail.resend' AND "entityId" = $1`, [id]);
  expect(audit.map((a) => a.actorLabel)).toEqual(["staff-admin"]);

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: subject })).toHaveCount(0);
});

test("/admin/mail is for ADMIN only", async ({ page }) => {
  await loginAsStaff(page, "staff-tanto");
  await page.goto("/admin/mail");
  await expect(page).toHaveURL(/\/admin\/forbidden$/);
});
