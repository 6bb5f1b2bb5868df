import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { suretySecret } from "@/lib/env";
import { sessionCookie } from "./session-cookie";
import { clientIpFrom } from "@/lib/request";
import { authenticateContractor, authenticateStaff, type AuthResult, type Principal } from "./authenticate";
import { endSessions } from "./end-sessions";
import { startSession } from "./start-session";
import { sessionTokenOf } from "./read-session-token";

/** Too many failures: the login form says so plainly (the code is not secret — it reveals nothing about the id). */
export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

declare module "next-auth" {
  interface Session {
    principal?: Principal;
  }
  interface User {
    principal?: Principal;
    sid?: string;
    sexp?: number;
  }
}

/** A successful login starts a server-side session (UserSession) whose id the cookie carries. */
async function signedIn(r: AuthResult<Principal>, clientIp: string) {
  if (!r.ok) {
    if (r.reason === "THROTTLED") throw new ThrottledSignin();
    return null;
  }
  const { sid, expiresAt } = await startSession({ principal: r.principal, clientIp });
  return { id: r.principal.userId, name: r.principal.name, principal: r.principal, sid, sexp: Math.floor(expiresAt.getTime() / 1000) };
}

// Lazy configuration: settings are read on the first request, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const cookie = sessionCookie();
  return {
    secret: suretySecret("AUTH_SECRET"),
    trustHost: true,
    session: { strategy: "jwt", maxAge: cookie.maxAge, updateAge: 60 },
    useSecureCookies: cookie.secure,
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    pages: { signIn: "/enet/login", error: "/enet/login" },
    providers: [
      Credentials({
        id: "contractor",
        credentials: { customerId: {}, password: {} },
        async authorize(credentials, request) {
          const ip = clientIpFrom(request.headers);
          return signedIn(await authenticateContractor(credentials?.customerId, credentials?.password, ip), ip);
        },
      }),
      Credentials({
        id: "staff",
        credentials: { staffId: {}, password: {} },
        async authorize(credentials, request) {
          const ip = clientIpFrom(request.headers);
          return signedIn(await authenticateStaff(credentials?.staffId, credentials?.password, ip), ip);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.principal) Object.assign(token, { principal: user.principal, sid: user.sid, sexp: user.sexp });
        // Past its absolute end a session is over, however active (the session check refuses it as well).
        if (typeof token.sexp === "number" && token.sexp * 1000 <= Date.now()) return null;
        return token;
      },
      session({ session, token }) {
        session.principal = token.principal as Principal | undefined;
        return session;
      },
    },
    events: {
      // Logout ends the session on the server: a copy of the cookie stops working on every instance.
      async signOut(message) {
        const sid = "token" in message ? sessionTokenOf(message.token as Record<string, unknown> | null)?.sid : undefined;
        if (sid) await endSessions({ which: { sid }, reason: "LOGOUT" });
      },
    },
    logger: {
      // Failed logins are expected traffic (and counted in Postgres); keep them out of the error log.
      error(error) {
        if ((error as { type?: string }).type === "CredentialsSignin") return;
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
      warn() {},
    },
  };
});
