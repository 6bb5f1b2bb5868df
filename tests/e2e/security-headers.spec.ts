import { expect, test } from "./support/test";
import { loginAsContractor } from "./support";

test.describe("headers and cookies (production build)", () => {
  for (const path of ["/", "/enet/login", "/dsure", "/admin/login"]) {
    test(`security headers on ${path}`, async ({ request }) => {
      const res = await request.get(path);
      expect(res.status()).toBe(200);
      const h = res.headers();
      const csp = h["content-security-policy"] ?? "";
      const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
      expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(h["referrer-policy"]).toBe("same-origin");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
    });
  }

  test("security headers on the D-Sure JSON look-up (static: it skips proxy.ts)", async ({ request }) => {
    for (const data of [{ contractNumber: "2024-0001234-0", authKey: "ABCD-EFGH-JKMN-PQRS" }, "{"]) {
      const res = await request.post("/api/dsure/v1/lookup", { data, headers: { "content-type": "application/json" } });
      expect([400, 404]).toContain(res.status());
      const h = res.headers();
      expect(h["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["referrer-policy"]).toBe("same-origin");
      expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(h["cache-control"]).toBe("no-store");
    }
  });

  test("the nonce differs per request and is on the page's scripts", async ({ request }) => {
    const a = (await request.get("/")).headers()["content-security-policy"];
    const b = (await request.get("/")).headers()["content-security-policy"];
    expect(a).not.toEqual(b);
    const res = await request.get("/enet/login");
    const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"]!)![1];
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  });

  test("the session cookie is HttpOnly, SameSite and Secure", async ({ page, context }) => {
    await loginAsContractor(page);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.endsWith("hosho.session"));
    expect(session, "session cookie").toBeTruthy();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    expect(session!.secure).toBe(true);
    expect(session!.name.startsWith("__Secure-")).toBe(true);
  });

  test("a form posted to a page from another site is refused with 403, same-site posts are not", async ({ request }) => {
    const form = { customerId: "demo-kensetsu", password: "x" };
    const evil = await request.post("/enet/login", { form, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(evil.status()).toBe(403);
    expect(await evil.text()).toContain("別のサイトからの送信は受け付けません");
    expect(evil.headers()["x-frame-options"]).toBe("DENY");
    const same = await request.post("/enet/login", { form, headers: { Origin: new URL(test.info().project.use.baseURL!).origin }, maxRedirects: 0 });
    expect(same.status()).toBeLessThan(500);
    expect(same.status()).not.toBe(403);
  });
});
