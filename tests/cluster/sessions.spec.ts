/**
 * Sessions that end when they should, and logins nobody can lock (issue 29), on two instances of one database:
 * after logout, a password change or 無効化, a copy of the session cookie taken before it gets the login page on both
 * instances; and while 200 wrong passwords for staff-admin arrive from rotating addresses, its owner, from an address
 * of their own, logs in at the first try.
 */
import { expect, test, type Browser, type Cookie } from "@playwright/test";
import { DEMO_PASSWORD, answerSecondFactor, e2eState, ensureSecondFactor } from "../e2e/support";

const [A, B] = e2eState().instances as [string, string];
const isSession = (c: Cookie) => c.name.endsWith("hosho.session");

/** A fresh browser holding only `cookie`, as an attacker who copied it would: where does `path` take it on each instance? */
async function replay(browser: Browser, cookie: Cookie, path: string): Promise<string[]> {
  const urls: string[] = [];
  for (const base of [A, B]) {
    const context = await browser.newContext();
    await context.addCookies([cookie]);
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    urls.push(new URL(page.url()).pathname);
    await context.close();
  }
  return urls;
}

async function login(browser: Browser, portal: "enet" | "admin", id: string, password = DEMO_PASSWORD, ip?: string) {
  const context = await browser.newContext(ip ? { extraHTTPHeaders: { "X-Forwarded-For": ip } } : {});
  const page = await context.newPage();
  const secondFactor = portal === "admin" && ensureSecondFactor(id);
  await page.goto(`${A}/${portal}/login`);
  await page.getByLabel(portal === "enet" ? "お客様ID" : "職員ID").fill(id);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  if (secondFactor) await answerSecondFactor(page, id);
  await expect(page).toHaveURL(`${A}/${portal}`);
  const cookie = (await context.cookies()).find(isSession)!;
  expect(cookie).toBeTruthy();
  return { context, page, cookie };
}

test("after ログアウト, a copy of the session cookie gets the login page on both instances", async ({ browser }) => {
  const { context, page, cookie } = await login(browser, "enet", "demo-kensetsu");
  expect(await replay(browser, cookie, "/enet/certificates")).toEqual(["/enet/certificates", "/enet/certificates"]);
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/enet\/login$/);
  expect(await replay(browser, cookie, "/enet/certificates")).toEqual(["/enet/login", "/enet/login"]);
  await context.close();
});

test("after パスワードの変更, the old cookie gets the login page on both instances; the browser that changed it carries on", async ({ browser }) => {
  const { context, page, cookie } = await login(browser, "enet", "demo-doboku");
  const other = await login(browser, "enet", "demo-doboku"); // another browser of the same user
  const change = async (from: string, to: string) => {
    await page.goto(`${B}/enet/password`);
    await page.getByLabel("現在のパスワード").fill(from);
    await page.getByLabel(/^新しいパスワード\s*＊?$/).fill(to);
    await page.getByLabel("新しいパスワード（確認）").fill(to);
    await page.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(page.getByRole("status")).toContainText("パスワードを変更しました");
  };
  await change(DEMO_PASSWORD, "クラスタで変えたパスワード-29");
  expect(await replay(browser, cookie, "/enet/certificates")).toEqual(["/enet/login", "/enet/login"]);
  expect(await replay(browser, other.cookie, "/enet/certificates")).toEqual(["/enet/login", "/enet/login"]);
  // This browser has a new session, valid on both instances.
  for (const base of [A, B]) {
    await page.goto(`${base}/enet/certificates`);
    await expect(page).toHaveURL(`${base}/enet/certificates`);
  }
  await change("クラスタで変えたパスワード-29", DEMO_PASSWORD); // as the other tests expect it
  await other.context.close();
  await context.close();
});

test("after 無効化 (利用停止), the staff member's cookie gets the login page on both instances, and stays refused after 利用再開", async ({ browser }) => {
  const tanto = await login(browser, "admin", "staff-tanto");
  const admin = await login(browser, "admin", "staff-admin");
  const toggle = async (label: "利用停止" | "利用再開") => {
    await admin.page.goto(`${B}/admin/staff`);
    const row = admin.page.getByRole("row").filter({ hasText: "staff-tanto" });
    await row.getByRole("button", { name: label }).click();
    await expect(row.getByRole("button", { name: label === "利用停止" ? "利用再開" : "利用停止" })).toBeVisible();
  };
  await toggle("利用停止");
  expect(await replay(browser, tanto.cookie, "/admin/applications")).toEqual(["/admin/login", "/admin/login"]);
  await toggle("利用再開");
  expect(await replay(browser, tanto.cookie, "/admin/applications")).toEqual(["/admin/login", "/admin/login"]);
  await tanto.context.close();
  await admin.context.close();
});

/** One try at the back-office login through Auth.js' own endpoint, from `ip`: where it sends the browser. */
async function tryStaffLogin(base: string, ip: string, password: string): Promise<string> {
  const headers = { "X-Forwarded-For": ip };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const r = await fetch(`${base}/api/auth/callback/staff`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ staffId: "staff-admin", password, csrfToken }),
  });
  return r.headers.get("location") ?? String(r.status);
}

test("while 200 wrong passwords for staff-admin arrive from rotating addresses on both instances, its owner logs in at the first try", async ({ browser }) => {
  test.setTimeout(180_000);
  const addresses = Array.from({ length: 200 }, (_, i) => `127.1.${Math.floor(i / 100)}.${(i % 100) + 1}`);
  const outcomes: string[] = [];
  const attack = (async () => {
    const queue = [...addresses];
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let ip = queue.shift(); ip; ip = queue.shift()) outcomes.push(await tryStaffLogin(w % 2 ? B : A, ip, `wrong-${ip}`));
      }),
    );
  })();
  // Meanwhile, the owner, from an address that has not failed: in at the first try.
  await new Promise((r) => setTimeout(r, 1_500));
  const during = outcomes.length < addresses.length;
  const owner = await login(browser, "admin", "staff-admin", DEMO_PASSWORD, "127.1.9.9");
  await attack;
  expect(during, "the owner logged in while the attack ran").toBe(true);
  expect(outcomes).toHaveLength(200);
  expect(
    outcomes.every((o) => /error=CredentialsSignin/.test(o) && !/code=(throttled|second_factor)/.test(o)),
    outcomes.find((o) => !/error=CredentialsSignin/.test(o)),
  ).toBe(true);
  // And after it, from a second clean address, on the other instance: the password is taken, the 確認コード asked next.
  const again = await tryStaffLogin(B, "127.1.9.10", DEMO_PASSWORD);
  expect(again).toMatch(/code=second_factor(&|$)/);
  // Each attacking address has had its try on the attacked account: the next one from it waits.
  expect(await tryStaffLogin(A, addresses[199]!, "wrong-again")).toMatch(/code=throttled/);
  await owner.context.close();
});
