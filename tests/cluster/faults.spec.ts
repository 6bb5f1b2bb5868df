/**
 * The database goes away while both instances serve (issue 8, point 7). The app reaches Postgres through a relay the
 * test cuts (scripts/lib/tcp-proxy.ts): "down" drops every connection and refuses new ones, as a stopped server does.
 * Expected: Japanese 503 pages and JSON errors, forms that keep what was typed, nothing half written (a conclusion cut
 * off inside its transaction leaves no trace), and service again once the database is back — same processes.
 */
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, answerSecondFactor, e2eState, ensureSecondFactor, runFixture, sql } from "../e2e/support";

const state = e2eState();
const [A, B] = state.instances as [string, string];

async function relay(action: "down" | "up" | "cut-in-transaction", query = "") {
  const res = await fetch(`${state.control}/db/${action}${query}`, { method: "POST" });
  expect(res.status).toBe(200);
  return (await res.json()) as { cuts: number; isDown: boolean };
}

/** The form's message region (Next.js keeps its own route announcer as a second alert on every page). */
const alert = (page: Page) => page.getByRole("main").getByRole("alert");

async function signIn(browser: Browser, base: string, kind: "enet" | "admin", id: string, ip: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
  const page = await context.newPage();
  await page.goto(`${base}/${kind}/login`);
  const secondFactor = kind === "admin" && ensureSecondFactor(id);
  await page.getByLabel(kind === "enet" ? "お客様ID" : "職員ID").fill(id);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  if (secondFactor) await answerSecondFactor(page, id);
  await expect(page).toHaveURL(`${base}/${kind}`);
  return page;
}

const lookup = (base: string, body: unknown) =>
  fetch(`${base}/api/dsure/v1/lookup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

test.afterEach(async () => {
  await relay("up"); // never leave the database cut for the next test
});

test("database stopped: Japanese 503 pages and JSON, forms keep their input, then service again without a restart", async ({ browser }) => {
  test.setTimeout(120_000);
  const contractor = await signIn(browser, A, "enet", "demo-kensetsu", "192.0.2.10");
  const { contractNumber, contractId } = runFixture<{ contractNumber: string; contractId: string }>("afterConclusionGuarantee", {
    workName: "市道草牟田線側溝改良工事（障害試験）",
  });
  const { authKey } = runFixture<{ authKey: string }>("afterConclusionLiveKey", { contractId });
  // Registered at D-Sure by the app's dispatcher within moments of the conclusion (not in its transaction); a look-up
  // before that would count as a failure, so wait for the registration itself.
  await expect
    .poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "CertificateRegistration" WHERE "contractId" = $1::uuid AND status <> 'REGISTERED'`, [contractId]))[0]!.n, { timeout: 30_000 })
    .toBe(0);
  expect((await lookup(B, { contractNumber, authKey })).status).toBe(200);

  // The contractor has typed a new application when the database stops.
  await contractor.goto(`${A}/enet/apply/advance`);
  const workName = `障害中に入力した工事 ${Date.now()}`;
  await contractor.getByLabel("発注者").selectOption({ label: "鹿児島市" });
  await contractor.getByLabel("工事名").fill(workName);
  await contractor.getByLabel("工事場所").fill("鹿児島市山下町地内");
  const before = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "GuaranteeApplication"`);

  await relay("down");

  // The form: a plain message, and everything typed is still there.
  await contractor.getByRole("button", { name: "一時保存" }).click();
  await expect(alert(contractor)).toContainText("ただいまシステムに接続できないため、保存できませんでした");
  await expect(contractor.getByLabel("工事名")).toHaveValue(workName);
  await expect(contractor.getByLabel("工事場所")).toHaveValue("鹿児島市山下町地内");

  // Pages on both instances: a Japanese 503 page.
  for (const base of [A, B]) {
    const res = await fetch(`${base}/dsure`);
    expect(res.status, `${base}/dsure`).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("ただいまご利用いただけません");
  }
  const page = await contractor.context().newPage();
  const response = await page.goto(`${B}/enet/applications`);
  expect(response?.status()).toBe(503);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ただいまご利用いただけません");

  // The APIs: JSON errors in Japanese.
  for (const base of [A, B]) {
    const res = await lookup(base, { contractNumber, authKey });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toMatchObject({ error: "unavailable", message: expect.stringContaining("ただいまご利用いただけません") });
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(503);
    expect((await health.json()).message).toBe("データベースに接続できません");
  }

  await relay("up");

  // Back: the same processes serve again within a few seconds (a probe at most once a second closes the circuit).
  for (const base of [A, B]) {
    await expect.poll(async () => (await fetch(`${base}/dsure`)).status, { timeout: 15_000 }).toBe(200);
    await expect.poll(async () => (await lookup(base, { contractNumber, authKey })).status, { timeout: 15_000 }).toBe(200);
  }
  // Nothing was stored while the database was away; the same form saves now, as typed.
  expect(await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "GuaranteeApplication"`)).toEqual(before);
  await contractor.getByRole("button", { name: "一時保存" }).click();
  await expect(contractor).toHaveURL(/\/enet\/applications\/[0-9a-f-]+\/edit\?saved=1$/);
  expect(await sql(`SELECT 1 FROM "GuaranteeApplication" WHERE "workName" = $1`, [workName])).toHaveLength(1);
  await page.goto(`${B}/enet/applications`);
  await expect(page.getByText(workName)).toBeVisible();

  // The outage was logged in Japanese, and no promise went unhandled.
  const logs = state.logs.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  expect(logs).toContain("データベースに接続できません");
  expect(logs).toContain("データベースに再接続しました");
  expect(logs).not.toMatch(/unhandledRejection|Unhandled Rejection|uncaughtException/i);
});

test("a conclusion cut off inside its transaction leaves nothing half written, and succeeds once retried", async ({ browser }) => {
  test.setTimeout(120_000);
  const { applicationId } = runFixture<{ applicationId: string }>("reviewedApplication", {});
  const approver = await signIn(browser, B, "admin", "staff-shonin", "192.0.2.20");
  await approver.goto(`${B}/admin/applications/${applicationId}`);
  const counts = async () =>
    (await sql<{ contracts: number; certificates: number; keys: number; mails: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM "GuaranteeContract") AS contracts,
              (SELECT count(*)::int FROM "CertificateVersion") AS certificates,
              (SELECT count(*)::int FROM "AuthKey") AS keys,
              (SELECT count(*)::int FROM "MailOutbox") AS mails,
              (SELECT count(*)::int FROM "AuditLog") AS audit`,
    ))[0]!;
  const before = await counts();

  // The relay drops the connection right after the conclusion's second INSERT reached Postgres, before COMMIT.
  await relay("cut-in-transaction", "?insert=2");
  await approver.getByRole("button", { name: "保証契約を締結する" }).click();
  await expect(alert(approver)).toContainText("ただいまシステムに接続できないため");
  const stats = (await (await fetch(`${state.control}/db`)).json()) as { cuts: number };
  expect(stats.cuts).toBe(1);

  // Nothing of it is in the database: no contract, certificate, key, mail or audit entry, and still 審査完了.
  expect(await counts()).toEqual(before);
  expect(await sql(`SELECT status FROM "GuaranteeApplication" WHERE id = $1`, [applicationId])).toEqual([{ status: "REVIEWED" }]);

  // The approver presses again once the app sees the database (the circuit closes after one probe).
  await expect.poll(async () => (await fetch(`${B}/api/health`)).status, { timeout: 15_000 }).toBe(200);
  await approver.getByRole("button", { name: "保証契約を締結する" }).click();
  await expect(approver.getByText(/保証契約を締結しました。保証契約番号：\d{4}-\d{7}-\d/)).toBeVisible({ timeout: 15_000 });
  expect(await sql(`SELECT status FROM "GuaranteeApplication" WHERE id = $1`, [applicationId])).toEqual([{ status: "CONCLUDED" }]);
  const after = await counts();
  expect(after.contracts).toBeGreaterThan(before.contracts);
  expect(after.certificates).toBeGreaterThan(before.certificates);
});
