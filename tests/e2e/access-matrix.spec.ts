/**
 * The access matrix: every page and route handler × every role → the expected answer, run over HTTP against the
 * production build; and every server action × the guard it must call. A page, handler or action with no row here
 * makes this test fail, so nothing new can skip it.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "./support/test";
import { DEMO_PASSWORD, loginAsStaff, runFixture } from "./support";

const APP = path.resolve(__dirname, "../../app");

/** APPROVER_NO_2FA: a 承認者 who has not set 二段階認証 yet (required of the role): may only set it. */
type Role = "anonymous" | "otherCompany" | "contractor" | "REVIEWER" | "APPROVER" | "ADMIN" | "APPROVER_NO_2FA";
const ROLES: Role[] = ["anonymous", "otherCompany", "contractor", "REVIEWER", "APPROVER", "ADMIN", "APPROVER_NO_2FA"];

/**
 * 200/404/…, or a redirect to the e-Net保証 login, the back-office login, the back office's 権限なし page, or its
 * 二段階認証の設定.
 */
type Expected = number | "LOGIN_ENET" | "LOGIN_ADMIN" | "FORBIDDEN" | "SECOND_FACTOR";

type Ids = {
  applicationId: string;
  contractId: string;
  contractNumber: string;
  changeId: string;
  feeStatementId: string | null;
  ordererId: string;
};

interface Row {
  /** the route as the file system names it, e.g. /enet/applications/[id] */
  route: string;
  url: (ids: Ids) => string;
  method?: "GET" | "POST";
  body?: unknown;
  expect: Record<Role, Expected>;
}

const all = (e: Expected): Record<Role, Expected> => ({
  anonymous: e, otherCompany: e, contractor: e, REVIEWER: e, APPROVER: e, ADMIN: e, APPROVER_NO_2FA: e,
});
/** A contractor page of the company's own data: other companies get their own (200) or the same 404 as a missing id. */
const enet = (other: Expected): Record<Role, Expected> => ({
  anonymous: "LOGIN_ENET", otherCompany: other, contractor: 200, REVIEWER: "LOGIN_ENET", APPROVER: "LOGIN_ENET", ADMIN: "LOGIN_ENET",
  APPROVER_NO_2FA: "LOGIN_ENET",
});
const staff = (roles: ("REVIEWER" | "APPROVER" | "ADMIN")[], found: Expected = 200): Record<Role, Expected> => ({
  anonymous: "LOGIN_ADMIN", otherCompany: "LOGIN_ADMIN", contractor: "LOGIN_ADMIN",
  REVIEWER: roles.includes("REVIEWER") ? found : "FORBIDDEN",
  APPROVER: roles.includes("APPROVER") ? found : "FORBIDDEN",
  ADMIN: roles.includes("ADMIN") ? found : "FORBIDDEN",
  APPROVER_NO_2FA: "SECOND_FACTOR",
});
const ownerOnly: Record<Role, Expected> = { ...all(404), contractor: 200 };
const ALL_STAFF = ["REVIEWER", "APPROVER", "ADMIN"] as ("REVIEWER" | "APPROVER" | "ADMIN")[];

const MATRIX: Row[] = [
  { route: "/", url: () => "/", expect: all(200) },
  // e-Net保証
  { route: "/enet/login", url: () => "/enet/login", expect: all(200) },
  { route: "/enet/register", url: () => "/enet/register", expect: all(200) },
  { route: "/enet/setup-password", url: () => "/enet/setup-password?token=not-a-real-token", expect: all(200) },
  { route: "/enet/forgot-password", url: () => "/enet/forgot-password", expect: all(200) },
  { route: "/enet", url: () => "/enet", expect: enet(200) },
  { route: "/enet/password", url: () => "/enet/password", expect: enet(200) },
  { route: "/enet/apply/[menu]", url: () => "/enet/apply/advance", expect: enet(200) },
  { route: "/enet/applications", url: () => "/enet/applications", expect: enet(200) },
  { route: "/enet/applications/[id]", url: (i) => `/enet/applications/${i.applicationId}`, expect: enet(404) },
  { route: "/enet/applications/[id]/edit", url: (i) => `/enet/applications/${i.applicationId}/edit`, expect: { ...enet(404), contractor: "*" as never } },
  { route: "/enet/applications/[id]/confirm", url: (i) => `/enet/applications/${i.applicationId}/confirm`, expect: { ...enet(404), contractor: "*" as never } },
  { route: "/enet/applications/[id]/delete", url: (i) => `/enet/applications/${i.applicationId}/delete`, expect: { ...enet(404), contractor: "*" as never } },
  { route: "/enet/certificates", url: () => "/enet/certificates", expect: enet(200) },
  { route: "/enet/certificates/[contractNumber]", url: (i) => `/enet/certificates/${i.contractNumber}`, expect: enet(404) },
  { route: "/enet/certificates/[contractNumber]/key", url: (i) => `/enet/certificates/${i.contractNumber}/key`, expect: enet(404) },
  { route: "/enet/changes", url: () => "/enet/changes", expect: enet(200) },
  { route: "/enet/changes/new", url: (i) => `/enet/changes/new?contract=${i.contractNumber}&kind=INCREASE`, expect: enet(404) },
  { route: "/enet/changes/[id]", url: (i) => `/enet/changes/${i.changeId}`, expect: enet(404) },
  { route: "/enet/fee-statements", url: () => "/enet/fee-statements", expect: enet(200) },
  { route: "/api/enet/certificates/[contractNumber]/auth-key-notice", url: (i) => `/api/enet/certificates/${i.contractNumber}/auth-key-notice`, expect: ownerOnly },
  { route: "/api/enet/fee-statements/[id]", url: (i) => `/api/enet/fee-statements/${i.feeStatementId}`, expect: ownerOnly },
  // back office
  { route: "/admin/login", url: () => "/admin/login", expect: all(200) },
  { route: "/admin/forbidden", url: () => "/admin/forbidden", expect: all(200) },
  { route: "/admin", url: () => "/admin", expect: staff(ALL_STAFF) },
  { route: "/admin/applications", url: () => "/admin/applications", expect: staff(ALL_STAFF) },
  { route: "/admin/applications/[id]", url: (i) => `/admin/applications/${i.applicationId}`, expect: staff(ALL_STAFF) },
  { route: "/admin/changes", url: () => "/admin/changes", expect: staff(ALL_STAFF) },
  { route: "/admin/changes/[id]", url: (i) => `/admin/changes/${i.changeId}`, expect: staff(ALL_STAFF) },
  { route: "/admin/contracts", url: () => "/admin/contracts", expect: staff(ALL_STAFF) },
  { route: "/admin/contracts/[id]", url: (i) => `/admin/contracts/${i.contractId}`, expect: staff(ALL_STAFF) },
  { route: "/admin/tasks", url: () => "/admin/tasks", expect: staff(ALL_STAFF) },
  { route: "/admin/dsure-alarms", url: () => "/admin/dsure-alarms", expect: staff(ALL_STAFF) },
  { route: "/admin/reconciliation", url: () => "/admin/reconciliation", expect: staff(ALL_STAFF) },
  { route: "/admin/audit", url: () => "/admin/audit", expect: staff(["ADMIN"]) },
  { route: "/admin/mail", url: () => "/admin/mail", expect: staff(["ADMIN"]) },
  { route: "/admin/orderers", url: () => "/admin/orderers", expect: staff(["ADMIN"]) },
  { route: "/admin/orderers/[id]", url: (i) => `/admin/orderers/${i.ordererId}`, expect: staff(["ADMIN"]) },
  { route: "/admin/rate-tables", url: () => "/admin/rate-tables", expect: staff(["ADMIN"]) },
  { route: "/admin/registrations", url: () => "/admin/registrations", expect: staff(["ADMIN"]) },
  { route: "/admin/staff", url: () => "/admin/staff", expect: staff(["ADMIN"]) },
  { route: "/admin/password", url: () => "/admin/password", expect: staff(ALL_STAFF) },
  { route: "/admin/setup-password", url: () => "/admin/setup-password?token=not-a-real-token", expect: all(200) },
  { route: "/admin/two-factor", url: () => "/admin/two-factor", expect: { ...staff(ALL_STAFF), APPROVER_NO_2FA: 200 } },
  // D-Sure (anonymous by design)
  { route: "/dsure", url: () => "/dsure", expect: all(200) },
  { route: "/dsure/verify", url: () => "/dsure/verify", expect: all(200) },
  {
    route: "/api/dsure/v1/lookup",
    url: () => "/api/dsure/v1/lookup",
    method: "POST",
    body: { contractNumber: "2024-0001234-0", authKey: "ABCD-EFGH-JKMN-PQRS" },
    expect: all(404),
  },
  { route: "/api/dsure/v1/public-keys", url: () => "/api/dsure/v1/public-keys", expect: all(200) },
  // Registration by an issuer: authenticated by the request's own signature, whoever's session comes with it.
  { route: "/api/dsure/v1/registrations", url: () => "/api/dsure/v1/registrations", method: "POST", body: {}, expect: all(400) },
  { route: "/api/dsure/v1/issuer-queries", url: () => "/api/dsure/v1/issuer-queries", method: "POST", body: {}, expect: all(400) },
  { route: "/api/dsure/v1/openapi.json", url: () => "/api/dsure/v1/openapi.json", expect: all(200) },
  // infrastructure
  { route: "/api/auth/[...nextauth]", url: () => "/api/auth/session", expect: all(200) },
  { route: "/api/health", url: () => "/api/health", expect: all(200) },
  { route: "/api/bare", url: () => "/api/bare", expect: all(404) }, // benchmark baseline: only with BENCH_ENDPOINTS=1
  { route: "/bare", url: () => "/bare", expect: all(404) },
  // development mailbox: absent from production builds
  { route: "/dev/mailbox", url: () => "/dev/mailbox", expect: all(404) },
  { route: "/dev/mailbox/[id]", url: () => "/dev/mailbox/1-abc", expect: all(404) },
  { route: "/dev/mailbox/[id]/raw", url: () => "/dev/mailbox/1-abc/raw", expect: all(404) },
  { route: "/dev/mailbox/[id]/attachments/[index]", url: () => "/dev/mailbox/1-abc/attachments/0", expect: all(404) },
];

/**
 * Every server action and the guard it must call before anything else. "public" actions are the ones that act for
 * nobody (login, registration request, password setup with its single-use token, D-Sure look-up, logout).
 */
const ACTIONS: Record<string, "public" | "contractor" | "staff-enrol" | `staff:${string}`> = {
  "(admin)/admin/applications/[id]/actions.ts": "staff:",
  "(admin)/admin/changes/[id]/actions.ts": "staff:",
  "(admin)/admin/contracts/[id]/actions.ts": "staff:",
  "(admin)/admin/contracts/actions.ts": "staff:",
  "(admin)/admin/login/actions.ts": "public",
  "(admin)/admin/two-factor/actions.ts": "staff-enrol",
  "(admin)/admin/setup-password/actions.ts": "public",
  "(admin)/admin/mail/actions.ts": "staff:",
  "(admin)/admin/orderers/actions.ts": "staff:",
  "(admin)/admin/password/actions.ts": "staff:",
  "(admin)/admin/reconciliation/actions.ts": "staff:",
  "(admin)/admin/rate-tables/actions.ts": "staff:",
  "(admin)/admin/registrations/actions.ts": "staff:",
  "(admin)/admin/staff/actions.ts": "staff:",
  "(admin)/admin/tasks/actions.ts": "staff:",
  "(dsure)/dsure/actions.ts": "public",
  "(enet)/enet/applications/actions.ts": "contractor",
  "(enet)/enet/certificates/[contractNumber]/key/actions-after-conclusion.ts": "contractor",
  "(enet)/enet/changes/actions.ts": "contractor",
  "(enet)/enet/login/actions.ts": "public",
  "(enet)/enet/password/actions.ts": "contractor",
  "(enet)/enet/register/actions.ts": "public",
  "(enet)/enet/forgot-password/actions.ts": "public",
  "(enet)/enet/setup-password/actions.ts": "public",
  "logout-action.ts": "public",
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function discoveredRoutes(): string[] {
  return walk(APP)
    .filter((f) => /\/(page\.tsx|route\.ts)$/.test(f))
    .map((f) => {
      const rel = path.relative(APP, path.dirname(f)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
      return `/${rel.join("/")}`.replace(/\/$/, "") || "/";
    })
    .sort();
}

function actionFiles(): string[] {
  return walk(APP)
    .filter((f) => /\.(ts|tsx)$/.test(f) && /^\s*["']use server["']/m.test(fs.readFileSync(f, "utf8").slice(0, 200)))
    .map((f) => path.relative(APP, f).split(path.sep).join("/"))
    .sort();
}

test("every page, route handler and server action has a row in the access matrix", () => {
  const rows = MATRIX.map((r) => r.route).sort();
  expect(rows, "routes without a row (add them to MATRIX)").toEqual(expect.arrayContaining(discoveredRoutes()));
  expect(discoveredRoutes(), "rows for routes that no longer exist").toEqual(expect.arrayContaining(rows));
  expect(Object.keys(ACTIONS).sort()).toEqual(actionFiles());
});

test("every exported server action calls its guard", () => {
  for (const [file, guard] of Object.entries(ACTIONS)) {
    const src = fs.readFileSync(path.join(APP, file), "utf8");
    const exported = [...src.matchAll(/export async function (\w+)\s*\(/g)].map((m) => m[1]!);
    expect(exported.length, `${file} exports actions`).toBeGreaterThan(0);
    for (const name of exported) {
      const start = src.indexOf(`export async function ${name}`);
      // The exported function's own body: up to the next top-level declaration (a helper below does not count).
      const next = src.slice(start + 1).search(/\n(export |async function |function |const |let )/);
      const body = src.slice(start, next === -1 ? undefined : start + 1 + next);
      if (guard === "contractor") {
        expect(body, `${file} ${name} must call requireContractor()`).toMatch(/requireContractor\(|contractorOrLogin\(/);
      } else if (guard === "staff-enrol") {
        // 二段階認証の設定 is open to a member who must set it first (requireStaff would refuse them).
        expect(body, `${file} ${name} must call currentStaff()`).toMatch(/currentStaff\(/);
      } else if (guard.startsWith("staff:")) {
        expect(body, `${file} ${name} must call requireStaff(...)`).toMatch(/requireStaff\(/);
      }
    }
  }
});

async function loggedInRequest(browser: Browser, role: Role): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (role === "contractor" || role === "otherCompany") {
    await page.goto("/enet/login");
    await page.getByLabel("お客様ID").fill(role === "contractor" ? "demo-kensetsu" : "demo-doboku");
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/enet$/);
  } else if (role === "APPROVER_NO_2FA") {
    const staffId = `e2e-no2fa-${Date.now()}`;
    runFixture("staffAccount", { staffId, role: "APPROVER" });
    await page.goto("/admin/login");
    await page.getByLabel("職員ID").fill(staffId);
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/admin\/two-factor$/);
  } else if (role !== "anonymous") {
    const id = ({ REVIEWER: "staff-tanto", APPROVER: "staff-shonin", ADMIN: "staff-admin" } as const)[role];
    await loginAsStaff(page, id);
  }
  return context.request;
}

function outcome(status: number, location: string | undefined): Expected {
  if (status >= 300 && status < 400 && location) {
    const p = new URL(location, "http://x").pathname;
    if (p === "/enet/login") return "LOGIN_ENET";
    if (p === "/admin/login") return "LOGIN_ADMIN";
    if (p === "/admin/forbidden") return "FORBIDDEN";
    if (p === "/admin/two-factor") return "SECOND_FACTOR";
  }
  return status;
}

test.describe("the access matrix over HTTP", () => {
  test.setTimeout(300_000);
  let ids: Ids;
  test.beforeAll(() => {
    ids = runFixture<Ids>("accessMatrixIds");
  });

  for (const role of ROLES) {
    test(`as ${role}`, async ({ browser }) => {
      const request = await loggedInRequest(browser, role);
      const mismatches: string[] = [];
      for (const row of MATRIX) {
        const expected = row.expect[role];
        if ((expected as unknown) === "*") continue; // depends on the application's state; covered by the enet tests
        if (row.route === "/api/enet/fee-statements/[id]" && !ids.feeStatementId) continue;
        const url = row.url(ids);
        const res =
          row.method === "POST"
            ? // Each role from an address of its own: the matrix's wrong key must not run into D-Sure's per-address limit.
              await request.post(url, { data: row.body, maxRedirects: 0, headers: { "x-forwarded-for": `198.18.9.${ROLES.indexOf(role) + 1}` } })
            : await request.get(url, { maxRedirects: 0 });
        const got = outcome(res.status(), res.headers()["location"]);
        if (got !== expected) mismatches.push(`${row.method ?? "GET"} ${url}: expected ${expected}, got ${got}`);
        expect(res.status(), `${url} must never be a server error`).toBeLessThan(500);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
