import { NextResponse, type NextRequest } from "next/server";
import { renewSessionCookie } from "@/lib/auth/session-cookie";
import { databaseAvailable } from "@/lib/db-health";
import { unavailableHtml, unavailableJson } from "@/lib/http/unavailable";
import { HARDENING_HEADERS } from "@/lib/http/hardening-headers";
import { hostsRole, roleOfPath } from "@/lib/app-roles";

/**
 * Security headers for every page: a per-request nonce Content-Security-Policy (no inline scripts without the
 * nonce), no framing, and the usual hardening headers. Next.js reads the nonce from the request's CSP header and
 * puts it on its own scripts.
 */
function securityHeaders(request: NextRequest, unavailable?: Response) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = unavailable
    ? new NextResponse(unavailable.body, { status: unavailable.status, headers: unavailable.headers })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(HARDENING_HEADERS)) response.headers.set(name, value);
  return response;
}

/** Everything but the landing page (and the health check, which probes by itself) reads the database. */
const needsDatabase = (p: string) => p !== "/" && p !== "/api/health" && p !== "/bare";

/**
 * Next.js reads a server action's body only up to `serverActions.bodySizeLimit` (its default, 1 MB, here) and past
 * it answers 500. A POST to a page (where actions are posted) declaring a larger body is answered 413 here instead,
 * as the D-Sure API does. A chunked body declares no length; Next.js' own limit still stops it.
 */
const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

function actionBodyTooLarge(request: NextRequest): boolean {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return false;
  return Number(request.headers.get("content-length") ?? "0") > ACTION_BODY_LIMIT_BYTES;
}

/** Machine-to-machine APIs (signed by the issuer, no cookies): other servers post to them without an Origin. */
const machineApi = (p: string) => p.startsWith("/api/dsure/v1/");
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request (a server action, a login, a route handler that writes) from anywhere but this site: a
 * foreign Origin, `Origin: null` (a sandboxed iframe, a data: page, a redirect across sites) or, without an Origin, a
 * browser's own `Sec-Fetch-Site: cross-site`/`same-site`. Answered 403 before any of it runs. (Next.js would refuse a
 * foreign server action too, but by throwing, which answers 500, and it lets `Origin: null` through.) A request with
 * neither header is not a browser's, so it carries no ambient cookie of a victim: it goes on.
 */
function crossSiteWrite(request: NextRequest): boolean {
  if (SAFE_METHODS.has(request.method) || machineApi(request.nextUrl.pathname)) return false;
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site");
    return site === "cross-site" || site === "same-site";
  }
  if (origin === "null") return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  if (crossSiteWrite(request)) {
    return securityHeaders(
      request,
      new Response("別のサイトからの送信は受け付けません。", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } }),
    );
  }
  if (actionBodyTooLarge(request)) {
    return securityHeaders(
      request,
      new Response("送信された内容が大きすぎます。", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } }),
    );
  }
  const p = request.nextUrl.pathname;
  // A portal this process does not serve (APP_ROLES) is not here at all.
  const role = roleOfPath(p);
  if (role && !hostsRole(role)) {
    return securityHeaders(
      request,
      p.startsWith("/api/")
        ? Response.json({ error: "not_found", message: "見つかりません" }, { status: 404 })
        : new Response("このサーバーでは提供していません。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } }),
    );
  }
  if (p === "/" && !hostsRole("surety")) return NextResponse.redirect(new URL("/dsure", request.url));
  // While the database is known to be unreachable (lib/db-health), answer 503 at once instead of failing half-way.
  // Server actions posted by the page's JavaScript go through: they answer the form with its input kept.
  if (needsDatabase(p) && !request.headers.has("next-action") && !(await databaseAvailable())) {
    return securityHeaders(request, p.startsWith("/api/") ? unavailableJson() : unavailableHtml());
  }
  const response = securityHeaders(request);
  if (p === "/enet" || p.startsWith("/enet/") || p === "/admin" || p.startsWith("/admin/")) {
    await renewSessionCookie(request, response); // sliding session expiry; D-Sure and the APIs skip it
  }
  return response;
}

export const config = {
  // The D-Sure JSON look-up is not a page: its headers are fixed (set in its route), and skipping the proxy spares a
  // POST the copy of its body that Next.js makes for a proxy. The bench's bare route (BENCH_ENDPOINTS=1) skips it
  // too, so the look-up is compared with a route under the same conditions.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/dsure/v1/lookup|api/bare).*)" }],
};
