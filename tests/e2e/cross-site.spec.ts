/**
 * Cross-site requests that change state are refused (issue 29): each login and a server action of each portal,
 * posted as a browser without JavaScript posts it, answers 403 with `Origin: null` (a sandboxed iframe, a data: page)
 * and with a foreign Origin, and the action does not run; the same post with this site's Origin runs it (so each
 * check can fail). Auth.js' own endpoints, which log in and out, are covered the same way.
 */
import { expect, test, type APIRequestContext, type Page } from "./support/test";
import { DEMO_PASSWORD, loginAsContractor, loginAsStaff } from "./support";
import { hiddenFields } from "./support/forms";
import { dammCheckDigit } from "../../lib/contract-number/damm";

const FOREIGN = { "Origin: null": "null", "a foreign Origin": "https://evil.example" } as const;
const own = () => new URL(test.info().project.use.baseURL!).origin;

type Case = {
  name: string;
  path: string;
  marker: string;
  fields: Record<string, string>;
  signIn?: (page: Page) => Promise<void>;
  /** What shows that the action ran, when posted from this site. */
  ran: (r: { status: number; location: string; text: string; sessionCookie: boolean }) => void;
};

const CASES: Case[] = [
  {
    name: "the e-Net保証 login",
    path: "/enet/login",
    marker: "customerId",
    fields: { customerId: "demo-kensetsu", password: DEMO_PASSWORD },
    ran: (r) => expect(r.sessionCookie).toBe(true),
  },
  {
    name: "the back-office login",
    path: "/admin/login",
    marker: "staffId",
    fields: { staffId: "staff-tanto", password: DEMO_PASSWORD },
    ran: (r) => expect(r.sessionCookie).toBe(true),
  },
  {
    name: "e-Net保証's パスワードの変更",
    path: "/enet/password",
    marker: "currentPassword",
    fields: { currentPassword: "not-the-password", newPassword: "クロスサイトの新しいパスワード", newPasswordConfirm: "クロスサイトの新しいパスワード" },
    signIn: (page) => loginAsContractor(page),
    ran: (r) => expect(r.text).toContain("現在のパスワードが正しくありません"),
  },
  {
    name: "the back office's パスワードの変更",
    path: "/admin/password",
    marker: "currentPassword",
    fields: { currentPassword: "not-the-password", newPassword: "クロスサイトの新しいパスワード", newPasswordConfirm: "クロスサイトの新しいパスワード" },
    signIn: (page) => loginAsStaff(page, "staff-tanto"),
    ran: (r) => expect(r.text).toContain("現在のパスワードが正しくありません"),
  },
  {
    name: "D-Sure's 照会",
    path: "/dsure",
    marker: "contractNumber",
    fields: { contractNumber: `2031-0000777-${dammCheckDigit("20310000777")}`, authKey: "ABCD-EFGH-JKMN-PQRS" },
    ran: (r) => expect(r.text).toContain("保証契約番号または認証キーが正しくありません"),
  },
];

async function post(request: APIRequestContext, c: Case, hidden: [string, string][], origin: string | null, extra: Record<string, string> = {}) {
  const res = await request.post(c.path, {
    multipart: Object.fromEntries([...hidden, ...Object.entries(c.fields)]),
    headers: { ...(origin ? { origin } : {}), ...extra },
    maxRedirects: 0,
  });
  const setCookie = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  return {
    status: res.status(),
    location: res.headers().location ?? "",
    text: await res.text(),
    sessionCookie: setCookie.some((v) => /hosho\.session=[^;]+/.test(v) && !/hosho\.session=;/.test(v)),
  };
}

for (const c of CASES) {
  test(`${c.name}: refused with 403 from another site, run from this one`, async ({ page, request }) => {
    const http = c.signIn ? page.request : request;
    if (c.signIn) await c.signIn(page);
    const hidden = await hiddenFields(http, c.path, c.marker);
    for (const [label, origin] of Object.entries(FOREIGN)) {
      const r = await post(http, c, hidden, origin);
      expect(r.status, label).toBe(403);
      expect(r.text, label).toContain("別のサイトからの送信は受け付けません");
      expect(r.sessionCookie, label).toBe(false);
    }
    // Without an Origin, a browser's own word that the request comes from another site.
    expect((await post(http, c, hidden, null, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    // The same post from this site runs the action.
    const same = await post(http, c, hidden, own());
    expect(same.status).not.toBe(403);
    c.ran(same);
  });
}

test("Auth.js' own endpoints that log in and out refuse another site's posts", async ({ request }) => {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  for (const path of ["/api/auth/callback/contractor", "/api/auth/callback/staff", "/api/auth/signout"]) {
    for (const [label, origin] of Object.entries(FOREIGN)) {
      const res = await request.post(path, {
        form: { customerId: "demo-kensetsu", staffId: "staff-tanto", password: DEMO_PASSWORD, csrfToken },
        headers: { origin },
        maxRedirects: 0,
      });
      expect(res.status(), `${path} with ${label}`).toBe(403);
    }
  }
  // From this site, the login endpoint signs in.
  const ok = await request.post("/api/auth/callback/contractor", {
    form: { customerId: "demo-kensetsu", password: DEMO_PASSWORD, csrfToken },
    headers: { origin: own() },
    maxRedirects: 0,
  });
  expect(ok.status()).toBe(302);
  expect(ok.headers().location ?? "").not.toContain("error=");
});
