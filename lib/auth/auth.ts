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
import { answerLoginChallenge } from "@/lib/second-factor/answer-login-challenge";
import { beginLoginChallenge } from "@/lib/second-factor/begin-login-challenge";
import { clearChallengeCookie, readChallengeCookie, setChallengeCookie } from "@/lib/second-factor/challenge-cookie";
import { hasSecondFactor } from "@/lib/second-factor/has-second-factor";

/** Too many failures: the login form says so plainly (the code is not secret — it reveals nothing about the id). */
export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

/** The password was right and the staff member has 二段階認証: the form now asks for the 確認コード. */
export class SecondFactorRequired extends CredentialsSignin {
  code = "second_factor";
}

/** A wrong 確認コード (or one already used): the code step stays. */
export class SecondFactorInvalid extends CredentialsSignin {
  code = "second_factor_invalid";
}

/** The code step is over (five minutes, five wrong codes, or none begun): the password is asked again. */
export class SecondFactorExpired extends CredentialsSignin {
  code = "second_factor_expired";
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

/** The 確認コード step of a staff login (the password was checked by the step before, which set the cookie). */
async function staffSecondStep(code: string, ip: string) {
  const answer = await answerLoginChallenge({ token: await readChallengeCookie(), code });
  if (answer.ok) {
    await clearChallengeCookie();
    return signedIn(answer, ip);
  }
  if (answer.reason === "THROTTLED") throw new ThrottledSignin();
  if (answer.reason === "INVALID") throw new SecondFactorInvalid();
  await clearChallengeCookie();
  throw new SecondFactorExpired();
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
        credentials: { staffId: {}, password: {}, code: {} },
        async authorize(credentials, request) {
          const ip = clientIpFrom(request.headers);
          if (typeof credentials?.code === "string") return staffSecondStep(credentials.code, ip);
          const r = await authenticateStaff(credentials?.staffId, credentials?.password, ip);
          if (r.ok && (await hasSecondFactor(r.principal.userId))) {
            const { token } = await beginLoginChallenge({ staffUserId: r.principal.userId, clientIp: ip });
            await setChallengeCookie(token);
            throw new SecondFactorRequired();
          }
          return signedIn(r, ip);
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
        if ((error as { type?: string }).type === "CredentialsSignin") return; // also the 確認コード steps
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
      warn() {},
    },
  };
});
