import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { suretySecret } from "@/lib/env";
import type { Principal } from "./authenticate";
import { sessionCookie } from "./session-cookie";
import type { StartedSession } from "./start-session";

/**
 * Puts a new session into this browser's cookie (from a server action): after a password change the old sessions
 * end, and the browser that changed it carries on in a new one, while any copy of the old cookie stops working.
 */
export async function issueSessionCookie({ principal, session }: { principal: Principal; session: StartedSession }): Promise<void> {
  const c = sessionCookie();
  const sexp = Math.floor(session.expiresAt.getTime() / 1000);
  const maxAge = Math.min(c.maxAge, sexp - Math.floor(Date.now() / 1000));
  const token = { principal, sid: session.sid, sexp, name: principal.name, sub: principal.userId };
  const value = await encode({ token, secret: suretySecret("AUTH_SECRET"), salt: c.name, maxAge });
  (await cookies()).set(c.name, value, { ...c.options, maxAge });
}
