/**
 * Two production servers on one database (issue 8, point 5): whatever one instance counts or claims, the other sees.
 * Run by `npm run test:cluster` (and in .ci/run against the real PostgreSQL 15): scripts/e2e-server.ts with
 * E2E_CLUSTER=1 starts two `next start` on E2E_PORT and E2E_PORT+1, both with the in-app mail dispatcher on.
 */
import { expect, test } from "@playwright/test";
import { dammCheckDigit } from "../../lib/contract-number/damm";
import { DEMO_PASSWORD, e2eState, receivedMails, runFixture, sql } from "../e2e/support";

const [A, B] = e2eState().instances as [string, string];

/** A 保証契約番号 of the right shape (valid check digit) that no contract has. */
function unknownNumber(serial: number) {
  const digits = `2031${String(serial).padStart(7, "0")}`;
  return `${digits.slice(0, 4)}-${digits.slice(4)}-${dammCheckDigit(digits)}`;
}

const lookup = (base: string, contractNumber: string, ip: string) =>
  fetch(`${base}/api/dsure/v1/lookup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: JSON.stringify({ contractNumber, authKey: "ABCD-EFGH-JKMN-PQRS" }),
  });

test("a login made on one instance is a session on the other", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${A}/enet/login`);
  await page.getByLabel("お客様ID").fill("demo-doboku");
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(`${A}/enet`);
  // Same cookie, other instance: the contractor's own pages, not the login form.
  await page.goto(`${B}/enet/certificates`);
  await expect(page).toHaveURL(`${B}/enet/certificates`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("電子証書");
  await context.close();
});

test("login throttling counts failures from both instances", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const attempt = async (base: string, password: string) => {
    await page.goto(`${base}/admin/login`);
    await page.getByLabel("職員ID").fill("staff-admin");
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログイン" }).click();
    return page.getByRole("alert").first();
  };
  // Ten wrong passwords, alternating instances: neither instance saw more than five.
  for (let i = 0; i < 10; i++) {
    const alert = await attempt(i % 2 ? B : A, `wrong-password-${i}`);
    await expect(alert).toContainText(i < 9 ? "職員IDまたはパスワードが正しくありません" : "一時的にログインを停止しています");
  }
  // The right password is refused now on both.
  for (const base of [A, B]) {
    const alert = await attempt(base, DEMO_PASSWORD);
    await expect(alert).toContainText("一時的にログインを停止しています");
    await expect(page).toHaveURL(`${base}/admin/login`);
  }
  await context.close();
});

test("D-Sure throttling per 保証契約番号 holds across both instances, from any address", async () => {
  const number = unknownNumber(4242);
  // Ten failures for one number, alternating instances and addresses.
  for (let i = 0; i < 10; i++) {
    const res = await lookup(i % 2 ? B : A, number, `198.51.100.${i + 1}`);
    expect(res.status, `attempt ${i + 1}`).toBe(404);
  }
  for (const base of [A, B]) {
    const res = await lookup(base, number, "198.51.100.200");
    expect(res.status).toBe(429);
    expect((await res.json()).message).toContain("照会を一時的に停止しています");
  }
  // Another number is not affected.
  expect((await lookup(B, unknownNumber(4243), "198.51.100.201")).status).toBe(404);
});

test("D-Sure throttling per address holds across both instances", async () => {
  const ip = "203.0.113.77";
  // Thirty failures from one address, each for a different number, alternating instances.
  for (let i = 0; i < 30; i++) {
    const res = await lookup(i % 2 ? A : B, unknownNumber(5000 + i), ip);
    expect(res.status, `attempt ${i + 1}`).toBe(404);
  }
  for (const base of [A, B]) expect((await lookup(base, unknownNumber(6000), ip)).status).toBe(429);
  expect((await lookup(A, unknownNumber(6001), "203.0.113.78")).status).toBe(404);
});

test("a mail due once is sent once although both instances dispatch", async () => {
  const { tag, count } = runFixture<{ tag: string; count: number }>("dueMails", { count: 40, tag: `m${Date.now()}` });
  const ours = async () => (await receivedMails()).filter((m) => m.subject?.includes(tag));
  // Both dispatchers poll every 2 s: wait until every mail went out, then a few more polls for any duplicate.
  await expect.poll(async () => (await ours()).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(count);
  await new Promise((r) => setTimeout(r, 6_000));
  const mails = await ours();
  const ids = mails.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(count);
  expect(mails).toHaveLength(count);
  const rows = await sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM "MailOutbox" WHERE subject LIKE $1`, [`%${tag}%`]);
  expect(rows).toHaveLength(count);
  expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
});

test("both instances really serve (each answers its own health check)", async () => {
  for (const base of [A, B]) {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
  }
  expect(A).not.toBe(B);
});
