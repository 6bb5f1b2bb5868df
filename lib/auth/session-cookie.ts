import "server-only";
import { decode, encode } from "next-auth/jwt";
import type { NextRequest, NextResponse } from "next/server";
import { env, suretySecret } from "@/lib/env";

/** The session cookie's name and flags — one place, shared by the Auth.js configuration and the proxy. */
export function sessionCookie() {
  const e = env();
  // Production always uses Secure cookies (deploy behind HTTPS; browsers accept them on http://localhost too).
  const secure = e.NODE_ENV === "production";
  return {
    name: secure ? "__Secure-hosho.session" : "hosho.session",
    secure,
    maxAge: e.SESSION_IDLE_MINUTES * 60,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

const RENEW_AFTER_SECONDS = 60;

/**
 * Sliding expiry: when a request in e-Net保証 or the back office carries a session issued more than a minute ago,
 * re-issue it with a fresh expiry, so a session ends after SESSION_IDLE_MINUTES of inactivity, not that long after
 * login. (Server components cannot set cookies; the proxy can.) Never past the session's absolute end (`sexp`): the
 * renewed cookie expires then at the latest, and one past it is deleted.
 */
export async function renewSessionCookie(request: NextRequest, response: NextResponse): Promise<void> {
  const c = sessionCookie();
  const token = request.cookies.get(c.name)?.value;
  if (!token) return;
  const secret = suretySecret("AUTH_SECRET");
  let payload: Record<string, unknown> | null = null;
  try {
    payload = (await decode({ token, secret, salt: c.name })) as Record<string, unknown> | null;
  } catch {
    return; // not ours or expired: Auth.js treats it as signed out
  }
  const nowSeconds = Math.floor(Date.now() / 1000);
  const left = typeof payload?.sexp === "number" ? payload.sexp - nowSeconds : 0;
  if (left <= 0) {
    response.cookies.set(c.name, "", { ...c.options, maxAge: 0 }); // no absolute end (an older cookie) or past it
    return;
  }
  if (!payload?.iat || nowSeconds - Number(payload.iat) < RENEW_AFTER_SECONDS) return;
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = payload;
  const maxAge = Math.min(c.maxAge, left);
  const renewed = await encode({ token: rest, secret, salt: c.name, maxAge });
  response.cookies.set(c.name, renewed, { ...c.options, maxAge });
}
