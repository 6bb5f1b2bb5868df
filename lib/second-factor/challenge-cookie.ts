import "server-only";
import { cookies } from "next/headers";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { LOGIN_CHALLENGE_TTL_MS } from "./begin-login-challenge";

/** The cookie that carries a staff login's 確認コード step from the password to the code (five minutes). */
function challengeCookie() {
  const { secure } = sessionCookie(); // Secure exactly where the session cookie is
  return {
    name: secure ? "__Host-hosho.second-factor" : "hosho.second-factor",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

export async function setChallengeCookie(token: string): Promise<void> {
  const c = challengeCookie();
  (await cookies()).set(c.name, token, { ...c.options, maxAge: LOGIN_CHALLENGE_TTL_MS / 1000 });
}

export async function readChallengeCookie(): Promise<string> {
  return (await cookies()).get(challengeCookie().name)?.value ?? "";
}

export async function clearChallengeCookie(): Promise<void> {
  const c = challengeCookie();
  (await cookies()).set(c.name, "", { ...c.options, maxAge: 0 });
}
