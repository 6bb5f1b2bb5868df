import { NextResponse, type NextRequest } from "next/server";
import { renewSessionCookie } from "@/lib/auth/session-cookie";

/**
 * Security headers for every page: a per-request nonce Content-Security-Policy (no inline scripts without the
 * nonce), no framing, and the usual hardening headers. Next.js reads the nonce from the request's CSP header and
 * puts it on its own scripts.
 */
function securityHeaders(request: NextRequest) {
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
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  // same-origin: nothing leaks to other sites, and forms posted without JavaScript keep their Origin (server-action CSRF check).
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (!dev) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export async function proxy(request: NextRequest) {
  const response = securityHeaders(request);
  const p = request.nextUrl.pathname;
  if (p === "/enet" || p.startsWith("/enet/") || p === "/admin" || p.startsWith("/admin/")) {
    await renewSessionCookie(request, response); // sliding session expiry; D-Sure and the APIs skip it
  }
  return response;
}

export const config = {
  // The D-Sure JSON look-up is not a page: its headers are static (next.config.ts), and skipping the proxy spares a
  // POST the copy of its body that Next.js makes for a proxy.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/dsure/v1/lookup).*)" }],
};
