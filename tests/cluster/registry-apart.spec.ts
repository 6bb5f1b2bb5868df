/**
 * The surety's app and D-Sure apart, as in the real world (issue 27): two processes of the same build, each on a
 * database of its own (tests/cluster/support/registry-apart-stack.ts). The surety registers at DSURE_URL only.
 * Walks conclusion → registration → mail → look-up on D-Sure's page and API, with D-Sure stopped while 50
 * conclusions are made.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";

type Stack = {
  suretyUrl: string;
  dsureUrl: string;
  suretyDatabaseUrl: string;
  dsureDatabaseUrl: string;
  control: string;
  suretyEnv: Record<string, string>;
};

let stackProcess: ChildProcess;
let stack: Stack;

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

async function control(action: "stop" | "start") {
  const res = await fetch(`${stack.control}/dsure/${action}`, { method: "POST" });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const lookup = (base: string, body: unknown, ip = "198.51.100.20") =>
  fetch(`${base}/api/dsure/v1/lookup`, { method: "POST", headers: { "Content-Type": "application/json", "X-Forwarded-For": ip }, body: JSON.stringify(body) });

/** The orderer on D-Sure's page: number and key typed, the certificate shown as 有効 with its 工事名 as concluded. */
async function viewOnDsure(page: Page, c: { contractNumber: string; authKey: string }, workName: string) {
  await page.goto(`${stack.dsureUrl}/dsure`);
  await page.getByLabel("保証契約番号").fill(c.contractNumber);
  await page.getByLabel("認証キー").fill(c.authKey);
  await page.getByRole("button", { name: "電子証書を表示" }).click();
  await expect(page.getByRole("region", { name: "電子証書の状態" })).toContainText("有効");
  await expect(page.locator('[data-field="workName"]')).toHaveText(workName);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stackProcess = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.resolve(__dirname, "support/registry-apart-stack.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, REGISTRY_APART_PORT: String(Number(process.env.E2E_PORT ?? 3100) + 20) },
  });
  stack = await new Promise<Stack>((resolve, reject) => {
    const lines = readline.createInterface({ input: stackProcess.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("{")) resolve(JSON.parse(line) as Stack);
    });
    stackProcess.once("exit", (code) => reject(new Error(`the two-party stack exited (${code})`)));
  });
});

test.afterAll(async () => {
  if (stackProcess?.exitCode === null) {
    const exited = new Promise((r) => stackProcess.once("exit", r));
    stackProcess.kill("SIGTERM");
    await exited;
  }
});

test("two processes on two databases: 50 conclusions while D-Sure is stopped are each registered once when it returns, mailed only after, and open on D-Sure's page and API", async ({ page }) => {
  test.setTimeout(420_000);

  // Each serves its own portals only.
  expect((await fetch(`${stack.suretyUrl}/dsure`)).status).toBe(404);
  expect((await lookup(stack.suretyUrl, { contractNumber: "2024-0000001-8", authKey: "ABCD-EFGH-JKMN-PQRS" })).status).toBe(404);
  expect((await fetch(`${stack.dsureUrl}/enet/login`)).status).toBe(404);
  expect((await fetch(`${stack.dsureUrl}/admin/login`)).status).toBe(404);
  // Neither database holds the other's tables.
  expect(await query(stack.suretyDatabaseUrl, `SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'Dsure%'`)).toEqual([{ n: 0 }]);
  expect(await query(stack.dsureDatabaseUrl, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).toEqual([{ n: 0 }]);

  await control("stop");
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve(__dirname, "../e2e/support/fixtures.ts"), "concludeForRegistration", JSON.stringify({ count: 50, workName: "D-Sure停止中の締結" })],
    { env: { ...process.env, ...stack.suretyEnv, NODE_ENV: "test" }, encoding: "utf8", timeout: 240_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  const concluded = JSON.parse(run.stdout.trim().split("\n").pop()!) as { contractId: string; contractNumber: string; authKey: string }[];
  expect(concluded).toHaveLength(50);
  const ids = concluded.map((c) => c.contractId);

  // D-Sure is away: the surety's dispatcher tries and keeps every one 登録待ち; no mail of these goes out.
  await until("a failed delivery attempt", async () => {
    const [r] = await query<{ n: number }>(stack.suretyDatabaseUrl, `SELECT count(*)::int AS n FROM "CertificateRegistration" WHERE "contractId" = ANY($1::uuid[]) AND "attempts" > 0`, [ids]);
    return r!.n > 0;
  }, 60_000);
  const waiting = await query<{ status: string; n: number }>(
    stack.suretyDatabaseUrl,
    `SELECT "status"::text, count(*)::int AS n FROM "CertificateRegistration" WHERE "contractId" = ANY($1::uuid[]) GROUP BY 1`,
    [ids],
  );
  expect(waiting).toEqual([{ status: "PENDING", n: 100 }]);
  const heldMails = `SELECT count(*)::int AS n FROM "MailOutbox" m JOIN "CertificateRegistration" r ON r."id" = m."awaitsRegistrationId" WHERE r."contractId" = ANY($1::uuid[]) AND m."status" = 'PENDING'`;
  expect(await query(stack.suretyDatabaseUrl, heldMails, [ids])).toEqual([{ n: 50 }]);

  // D-Sure returns: every entry registered, each exactly once, and only then the mails.
  await control("start");
  await until("every registration accepted", async () => {
    const [r] = await query<{ n: number }>(stack.suretyDatabaseUrl, `SELECT count(*)::int AS n FROM "CertificateRegistration" WHERE "contractId" = ANY($1::uuid[]) AND "status" = 'REGISTERED'`, [ids]);
    return r!.n === 100;
  }, 300_000);
  const numbers = concluded.map((c) => c.contractNumber);
  const entries = await query<{ contractNumber: string; kinds: string }>(
    stack.dsureDatabaseUrl,
    `SELECT "contractNumber", string_agg("kind"::text, ',' ORDER BY "seq") AS "kinds" FROM "dsure"."DsureChainEntry" WHERE "contractNumber" = ANY($1::text[]) GROUP BY 1`,
    [numbers],
  );
  expect(entries).toHaveLength(50);
  for (const e of entries) expect(e.kinds).toBe("VERSION,KEY");
  // Each with D-Sure's receipt, checked against the key the surety pins (DSURE_PUBLIC_KEY): D-Sure's own key, not the surety's.
  expect(await query(stack.suretyDatabaseUrl, `SELECT count(*)::int AS n FROM "CertificateRegistration" WHERE "contractId" = ANY($1::uuid[]) AND "receipt" IS NOT NULL`, [ids])).toEqual([{ n: 100 }]);

  const mailed = `
    SELECT m."status"::text AS "status", m."sentAt", k."registeredAt", c."contractNumber"
    FROM "MailOutbox" m
    JOIN "GuaranteeContract" c ON m."text" LIKE '%' || c."contractNumber" || '%'
    JOIN "CertificateRegistration" k ON k."contractId" = c."id" AND k."kind" = 'KEY'
    WHERE c."id" = ANY($1::uuid[]) AND m."template" = 'CERTIFICATE_REGISTERED'`;
  await until("the 50 mails sent", async () => (await query<{ status: string }>(stack.suretyDatabaseUrl, mailed, [ids])).filter((m) => m.status === "SENT").length === 50, 120_000);
  for (const m of await query<{ sentAt: Date; registeredAt: Date; contractNumber: string }>(stack.suretyDatabaseUrl, mailed, [ids])) {
    expect(m.sentAt.getTime(), m.contractNumber).toBeGreaterThanOrEqual(m.registeredAt.getTime());
  }

  // Look-up on D-Sure: the API for every one, the page in Chromium for one.
  for (const [i, c] of concluded.entries()) {
    const res = await lookup(stack.dsureUrl, { contractNumber: c.contractNumber, authKey: c.authKey }, `198.51.100.${(i % 200) + 1}`);
    expect(res.status, c.contractNumber).toBe(200);
    const body = (await res.json()) as { contractNumber: string; issuer: { name: string } };
    expect(body.contractNumber).toBe(c.contractNumber);
    expect(body.issuer.name).toBe("西日本建設業保証株式会社");
  }
  const one = concluded[7]!;
  await viewOnDsure(page, one, "D-Sure停止中の締結 8");

  // The contractor's 発注者の閲覧 comes from D-Sure, asked over HTTP with a signed query.
  const contractor = await page.context().browser()!.newPage();
  await contractor.goto(`${stack.suretyUrl}/enet/login`);
  await contractor.getByLabel("お客様ID").fill("demo-kensetsu");
  await contractor.getByLabel("パスワード").fill("demo-pass-2024");
  await contractor.getByRole("button", { name: "ログイン" }).click();
  await expect(contractor).toHaveURL(`${stack.suretyUrl}/enet`);
  await contractor.goto(`${stack.suretyUrl}/enet/certificates/${one.contractNumber}`);
  const receipt = contractor.getByRole("region", { name: "発注者の閲覧" });
  await expect(receipt).toContainText("登録済み");
  await expect(receipt).toContainText("初回閲覧");
  await contractor.close();

  // Whoever can write the surety's database cannot change what D-Sure shows.
  await query(stack.suretyDatabaseUrl, `UPDATE "GuaranteeContract" SET "status" = 'CANCELLED' WHERE "id" = $1::uuid`, [one.contractId]);
  await query(stack.suretyDatabaseUrl, `UPDATE "CertificateVersion" SET "content" = jsonb_set("content", '{work,name}', '"書き換えた工事名"') WHERE "contractId" = $1::uuid`, [one.contractId]);
  await viewOnDsure(page, one, "D-Sure停止中の締結 8");

  // 照合 across the two databases, over HTTP: nothing differs; then D-Sure's newest entry of one certificate is deleted
  // in D-Sure's database, and the surety's npm run reconcile names it.
  const reconcile = () =>
    spawnSync("npm", ["run", "--silent", "reconcile"], { cwd: path.resolve(__dirname, "../.."), env: { ...process.env, ...stack.suretyEnv }, encoding: "utf8", timeout: 120_000 });
  const agreed = reconcile();
  expect(agreed.status, agreed.stdout + agreed.stderr).toBe(0);
  expect(agreed.stdout).toMatch(/不一致 0 件/);
  const cut = concluded[11]!;
  await query(stack.dsureDatabaseUrl, `DELETE FROM "dsure"."DsureChainEntry" WHERE "contractNumber" = $1 AND "seq" = 2`, [cut.contractNumber]);
  const differs = reconcile();
  expect(differs.status, differs.stdout + differs.stderr).toBe(1);
  expect(differs.stdout).toMatch(new RegExp(`${cut.contractNumber}\\s+D-Sure の記録が途中で終わっています.*当社の登録: 2 件 / D-Sure: 1 件`));
});
