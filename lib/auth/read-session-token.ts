import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { suretySecret } from "@/lib/env";
import type { Principal } from "./authenticate";
import { sessionCookie } from "./session-cookie";

/** What the session cookie holds: who, which server-side session (UserSession.id), and its absolute end (epoch s). */
export type SessionToken = { principal: Principal; sid: string; sexp: number };

/** Reads a decrypted session token's fields; anything else (an older cookie without a session id) is no session. */
export function sessionTokenOf(payload: Record<string, unknown> | null): SessionToken | null {
  const principal = payload?.principal as Principal | undefined;
  const sid = payload?.sid;
  const sexp = payload?.sexp;
  if (!principal || (principal.kind !== "contractor" && principal.kind !== "staff")) return null;
  if (typeof sid !== "string" || typeof sexp !== "number") return null;
  return { principal, sid, sexp };
}

/**
 * The request's session cookie, decrypted and unexpired (idle expiry: the JWT's own `exp`; absolute: `sexp`), or null.
 * Once per request. Whether the session still lives on the server is the caller's next question (lib/auth/session.ts).
 */
export const readSessionToken = cache(async (): Promise<SessionToken | null> => {
  const c = sessionCookie();
  const raw = (await cookies()).get(c.name)?.value;
  if (!raw) return null;
  let payload: Record<string, unknown> | null = null;
  try {
    payload = (await decode({ token: raw, secret: suretySecret("AUTH_SECRET"), salt: c.name })) as Record<string, unknown> | null;
  } catch {
    return null; // not ours, tampered with or expired
  }
  const token = sessionTokenOf(payload);
  return token && token.sexp * 1000 > Date.now() ? token : null;
});
