/**
 * Two production servers on one database (issue 8, point 5): whatever one instance counts or claims, the other sees.
 * Run by `npm run test:cluster` (and in .ci/run against the real PostgreSQL 15): scripts/e2e-server.ts with
 * E2E_CLUSTER=1 starts two production servers on E2E_PORT and E2E_PORT+1, both with the in-app mail dispatcher on,
 * and a forwarding proxy in front of them (E2E_PORT+8) that they trust, as they would trust nginx.
 */
import http from "node:http";
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
  // An address of its own (the instances trust this client's X-Forwarded-For), so no other test's logins are slowed.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "127.0.55.1" } });
  const page = await context.newPage();
  const attempt = async (base: string, password: string) => {
    await page.goto(`${base}/admin/login`);
    await page.getByLabel("職員ID").fill("staff-shonin");
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログイン" }).click();
    return page.getByRole("alert").first();
  };
  // Five wrong passwords, alternating instances: neither instance saw more than three; the sixth try waits.
  for (let i = 0; i < 6; i++) {
    const alert = await attempt(i % 2 ? B : A, `wrong-password-${i}`);
    await expect(alert).toContainText(i < 5 ? "職員IDまたはパスワードが正しくありません" : "一時的にログインを停止しています");
  }
  // The right password from this address waits too, on both.
  for (const base of [A, B]) {
    const alert = await attempt(base, DEMO_PASSWORD);
    await expect(alert).toContainText("一時的にログインを停止しています");
    await expect(page).toHaveURL(`${base}/admin/login`);
  }
  await context.close();
});

/**
 * One POST through the forwarding proxy in front of both instances (as nginx would be), from the loopback address
 * `from` (any 127.x.y.z): the proxy appends it to X-Forwarded-For, and the instances trust the proxy (TRUSTED_PROXIES).
 */
function viaProxy(from: string, instance: 0 | 1, body: unknown): Promise<{ status: number; text: string }> {
  const proxy = new URL(e2eState().proxy!);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: proxy.hostname, port: Number(proxy.port), localAddress: from, method: "POST", path: "/api/dsure/v1/lookup",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), "x-upstream": String(instance) },
        agent: false,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

test("D-Sure under attack behind a proxy: 1,000 wrong keys from rotating addresses within a minute; the orderer gets in at the first try on both instances", async () => {
  test.setTimeout(180_000);
  const { contractNumber, contractId } = runFixture<{ contractNumber: string; contractId: string }>("afterConclusionGuarantee", {
    workName: "市道下伊敷線道路改良工事（照会妨害の試験）",
  });
  const { authKey } = runFixture<{ authKey: string }>("afterConclusionLiveKey", { contractId });
  const wrongKey = (authKey.startsWith("A") ? "B" : "A") + authKey.slice(1);

  // 100 attacking addresses × 10 wrong keys = 1,000, 20 at a time, alternating instances.
  const addresses = Array.from({ length: 100 }, (_, i) => `127.0.${10 + Math.floor(i / 50)}.${(i % 50) + 1}`);
  const attempts = addresses.flatMap((from) => Array.from({ length: 10 }, () => from));
  const statuses = new Map<string, number[]>();
  let sent = 0;
  const started = Date.now();
  const attack = (async () => {
    const queue = [...attempts];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let from = queue.shift(); from; from = queue.shift()) {
          const r = await viaProxy(from, (sent++ % 2) as 0 | 1, { contractNumber, authKey: wrongKey });
          statuses.set(from, [...(statuses.get(from) ?? []), r.status]);
        }
      }),
    );
  })();

  // Meanwhile the city's official, from an address of their own, on each instance in turn: in at the first try.
  const orderer: { status: number; during: boolean }[] = [];
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const r = await viaProxy("127.0.99.7", (i % 2) as 0 | 1, { contractNumber, authKey });
    orderer.push({ status: r.status, during: sent < attempts.length });
    expect(r.status, r.text).toBe(200);
    expect(JSON.parse(r.text).contractNumber).toBe(contractNumber);
  }
  await attack;
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(orderer.some((o) => o.during), "the orderer's look-ups ran while the attack did").toBe(true);

  // Every attacking address: its first five wrong keys judged (404), every one after refused (429).
  expect([...statuses.values()].flat()).toHaveLength(1_000);
  for (const [from, list] of statuses) {
    expect(list.filter((s) => s === 404).length, from).toBe(5);
    expect(list.filter((s) => s === 429).length, from).toBe(5);
  }
  // The access log holds each client's own address, the orderer's views included.
  const rows = await sql<{ clientIp: string; outcome: string; n: number }>(
    `SELECT "clientIp", outcome::text, count(*)::int AS n FROM "dsure"."DsureAccessLog" WHERE "contractNumber" = $1 GROUP BY 1, 2`,
    [contractNumber],
  );
  expect(rows.filter((r) => r.clientIp.startsWith("127.0.1")).reduce((n, r) => n + r.n, 0)).toBe(1_000);
  expect(rows.find((r) => r.clientIp === "127.0.99.7" && r.outcome === "VIEW")?.n).toBe(6);
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
