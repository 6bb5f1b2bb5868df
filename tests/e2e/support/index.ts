/** Shared e2e helpers: sign-in, the e2e database, and the mails the SMTP sink received. */
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { base32Decode, hotp, totpStepAt } from "../../../lib/second-factor/totp";

export const DEMO_PASSWORD = "demo-pass-2024";

export interface E2EState {
  databaseUrl: string;
  mailDir: string;
  smtpPort: number;
  baseUrl: string;
  /** DATABASE_URL and the test-only secrets the e2e server runs with. */
  serverEnv: Record<string, string>;
  /** The file the Next.js server's stdout and stderr are copied to (scripts/e2e-server.ts). */
  serverLog?: string;
  /** The base URL of each app instance (two in E2E_CLUSTER runs), each one's log file, and the relay's control server. */
  instances: string[];
  logs: string[];
  control: string | null;
  /** E2E_CLUSTER: the forwarding proxy in front of both instances (scripts/lib/forwarding-proxy.ts). */
  proxy?: string | null;
}

export function e2eState(): E2EState {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../.data/e2e/state.json"), "utf8"));
}

let pool: pg.Pool | undefined;
/** Plain SQL on the e2e server's database, for assertions (Playwright's loader cannot load the ESM Prisma client). */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: e2eState().databaseUrl, max: 2 });
  return (await pool.query<T>(text, values)).rows;
}

/**
 * Runs a named fixture of tests/e2e/support/fixtures.ts in a tsx process against the e2e database, with the same
 * secrets as the server (so keys and signatures match), through the real domain functions. Returns its JSON output.
 */
export function runFixture<T = unknown>(name: string, args: Record<string, unknown> = {}): T {
  const state = e2eState();
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve(__dirname, "fixtures.ts"), name, JSON.stringify(args)],
    { env: { ...process.env, ...state.serverEnv, NODE_ENV: "test" }, encoding: "utf8", timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`fixture ${name} failed: ${r.stderr}`);
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] || "null") as T;
}

export async function loginAsContractor(page: Page, customerId = "demo-kensetsu", password = DEMO_PASSWORD) {
  await page.goto("/enet/login");
  await page.getByLabel("お客様ID").fill(customerId);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/enet$/);
}

/**
 * The 二段階認証 secret (Base32) of the e2e run's 承認者 and システム管理者 (required of them): set on first use by
 * the fixture `enrolSecondFactor`, as a confirmed enrolment leaves it.
 */
export const E2E_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const enrolled = new Set<string>();

/**
 * A 確認コード the server accepts now: of the current step or the next (the server takes one step either side), and
 * after the last step it accepted, since a code is accepted once. Waits for the next step when both are used.
 */
export async function nextTotpCode(staffId: string, secret = E2E_TOTP_SECRET): Promise<string> {
  const [row] = await sql<{ totpLastStep: number | null }>(`SELECT "totpLastStep" FROM "StaffUser" WHERE "staffId" = $1`, [staffId]);
  const after = row?.totpLastStep ?? -1;
  for (;;) {
    const now = totpStepAt(Date.now() / 1000);
    const step = Math.max(after + 1, now);
    if (step <= now + 1) return hotp(base32Decode(secret), step);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Answers the login's 確認コード step (the password step is done). */
export async function answerSecondFactor(page: Page, staffId: string, secret = E2E_TOTP_SECRET) {
  await expect(page.getByLabel(/確認コード/)).toBeVisible();
  await page.getByLabel(/確認コード/).fill(await nextTotpCode(staffId, secret));
  await page.getByRole("button", { name: "確認してログイン" }).click();
}

/** Whether a demo staff member logs in with 二段階認証 (承認者, システム管理者), which is then set if it is not yet. */
export function ensureSecondFactor(staffId: string): boolean {
  if (staffId === "staff-tanto") return false; // 審査担当 has none in the demo data
  if (!enrolled.has(staffId)) {
    runFixture("enrolSecondFactor", { staffId, secret: E2E_TOTP_SECRET });
    enrolled.add(staffId);
  }
  return true;
}

export async function loginAsStaff(page: Page, staffId: "staff-tanto" | "staff-shonin" | "staff-admin" | "staff-kanri", password = DEMO_PASSWORD) {
  const secondFactor = ensureSecondFactor(staffId);
  await page.goto("/admin/login");
  await page.getByLabel("職員ID").fill(staffId);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  if (secondFactor) await answerSecondFactor(page, staffId);
  await expect(page).toHaveURL(/\/admin$/);
}

/**
 * The server's output from `offset` (a byte position, e.g. an earlier `serverLog().size`) on, to look for errors it
 * logged. `size` is -1 when the server does not copy its output to a file.
 */
export function serverLog(offset = 0): { size: number; text: string } {
  const file = e2eState().serverLog;
  if (!file || !fs.existsSync(file)) return { size: -1, text: "" };
  const data = fs.readFileSync(file);
  return { size: data.length, text: data.subarray(Math.max(0, offset)).toString("utf8") };
}

/** Every mail the e2e SMTP sink has received so far, parsed. */
export async function receivedMails(): Promise<ParsedMail[]> {
  const dir = e2eState().mailDir;
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
}

/** Waits until a mail matching `pred` arrives (the in-app dispatcher polls every few seconds). */
export async function waitForMail(pred: (m: ParsedMail) => boolean, timeoutMs = 30_000): Promise<ParsedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = (await receivedMails()).find(pred);
    if (m) return m;
    if (Date.now() > until) throw new Error("timed out waiting for a mail");
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Text of a PDF (pdfjs-dist), for reading the 保証契約番号 and 認証キー out of the key notice. */
export async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((it) => ("str" in it ? it.str : "")).join(""));
  }
  return parts.join("\n");
}

export const SCREENSHOT_DIR = path.resolve(__dirname, "../../../test-results/e2e/screenshots");
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
