import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { suretySecret } from "@/lib/env";
import { sessionCookie } from "./session-cookie";
import { clientIpFrom } from "@/lib/request";
import { authenticateContractor, authenticateStaff, type Principal } from "./authenticate";

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
  }
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
          const r = await authenticateContractor(credentials?.customerId, credentials?.password, clientIpFrom(request.headers));
          if (r.ok) return { id: r.principal.userId, name: r.principal.name, principal: r.principal };
          if (r.reason === "THROTTLED") throw new ThrottledSignin();
          return null;
        },
      }),
      Credentials({
        id: "staff",
        credentials: { staffId: {}, password: {} },
        async authorize(credentials, request) {
          const r = await authenticateStaff(credentials?.staffId, credentials?.password, clientIpFrom(request.headers));
          if (r.ok) return { id: r.principal.userId, name: r.principal.name, principal: r.principal };
          if (r.reason === "THROTTLED") throw new ThrottledSignin();
          return null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.principal) token.principal = user.principal;
        return token;
      },
      session({ session, token }) {
        session.principal = token.principal as Principal | undefined;
        return session;
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
