import "server-only";
import { addressGroupOf } from "@/lib/http/ip-address";
import { db } from "@/lib/db";
import { nfkc } from "@/lib/normalize";
import { settleSuccess, takeAttempt, type AttemptKey, type AttemptRule } from "@/lib/rate-limit/take-attempt";
import { verifyPassword } from "./password";
import type { StaffRole } from "@/lib/generated/prisma/enums";

const HOUR = 60 * 60 * 1000;
const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Failed logins (docs/decisions/013) are counted per client address, per account, and per account from one address,
 * with a growing delay instead of a hard lock:
 * - one address: 20 tries an hour, then 30 s before the next, doubling up to 15 minutes (any account);
 * - one account from one address: 5 tries, then the same;
 * - an account with 20 failed tries in the hour is under attack: each address then gets one try on it before the delay.
 * Nothing refuses an address that has not failed: the owner, typing the right password elsewhere, gets in at once.
 */
export const LOGIN_RULES = {
  address: { windowMs: HOUR, free: 20, baseDelayMs: 30_000, maxDelayMs: FIFTEEN_MINUTES },
  accountFromAddress: { windowMs: HOUR, free: 5, baseDelayMs: 30_000, maxDelayMs: FIFTEEN_MINUTES },
  account: { windowMs: HOUR, free: Infinity, baseDelayMs: 0, maxDelayMs: 0 },
  underAttack: { atLeast: 20, rule: { windowMs: HOUR, free: 1, baseDelayMs: 60_000, maxDelayMs: FIFTEEN_MINUTES } },
} satisfies Record<string, AttemptRule | { atLeast: number; rule: AttemptRule }>;

export type ContractorPrincipal = {
  kind: "contractor";
  userId: string;
  companyId: string;
  loginId: string;
  name: string;
};
export type StaffPrincipal = { kind: "staff"; userId: string; role: StaffRole; loginId: string; name: string };
export type Principal = ContractorPrincipal | StaffPrincipal;

export type AuthResult<P> = { ok: true; principal: P } | { ok: false; reason: "INVALID" } | { ok: false; reason: "THROTTLED"; until: Date };

// No お客様ID or 職員ID holds a control character, and Postgres cannot even compare text holding NUL (the query fails).
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

/** The id as looked up and throttled: NFKC, trimmed, lower-case; one with a control character is no id at all. */
export function normalizeLoginId(raw: unknown): string {
  if (typeof raw !== "string") return "";
  const id = nfkc(raw).trim().toLowerCase().slice(0, 64);
  return CONTROL_CHARACTER.test(id) ? "" : id;
}

/** The counters of one login attempt (see LOGIN_RULES). */
export function loginAttemptKeys(scope: "enet" | "admin", loginId: string, ip: string): AttemptKey[] {
  const group = addressGroupOf(ip);
  const account = `login:${scope}:id:${loginId}`;
  return [
    { key: `login:${scope}:ip:${group}`, rule: LOGIN_RULES.address },
    { key: account, rule: LOGIN_RULES.account },
    {
      key: `login:${scope}:pair:${loginId}@${group}`,
      rule: LOGIN_RULES.accountFromAddress,
      escalate: { whenKey: account, ...LOGIN_RULES.underAttack },
    },
  ];
}

async function guarded<P>(
  scope: "enet" | "admin",
  rawId: unknown,
  rawPassword: unknown,
  ip: string,
  check: (loginId: string, password: string) => Promise<P | null>,
): Promise<AuthResult<P>> {
  const loginId = normalizeLoginId(rawId);
  const password = typeof rawPassword === "string" ? rawPassword.slice(0, 256) : "";
  const keys = loginAttemptKeys(scope, loginId, ip);
  const attempt = await takeAttempt({ keys }); // counted before it is judged
  if (!attempt.ok) return { ok: false, reason: "THROTTLED", until: attempt.until };
  const principal = loginId && password ? await check(loginId, password) : null;
  if (!principal) return { ok: false, reason: "INVALID" };
  await settleSuccess({ ticket: attempt.ticket, forget: [keys[2]!.key] });
  return { ok: true, principal };
}

/** e-Net保証 login: お客様ID + パスワード. Staff ids are unknown here. */
export function authenticateContractor(customerId: unknown, password: unknown, ip: string) {
  return guarded<ContractorPrincipal>("enet", customerId, password, ip, async (loginId, pw) => {
    const user = await db.contractorUser.findUnique({
      where: { customerId: loginId },
      select: { id: true, companyId: true, customerId: true, name: true, passwordHash: true, active: true },
    });
    const ok = await verifyPassword(user?.active ? user.passwordHash : null, pw);
    if (!user || !ok) return null;
    await db.contractorUser.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    return { kind: "contractor", userId: user.id, companyId: user.companyId, loginId: user.customerId, name: user.name };
  });
}

/** Back-office login: 職員ID + パスワード. Contractor ids are unknown here. */
export function authenticateStaff(staffId: unknown, password: unknown, ip: string) {
  return guarded<StaffPrincipal>("admin", staffId, password, ip, async (loginId, pw) => {
    const user = await db.staffUser.findUnique({
      where: { staffId: loginId },
      select: { id: true, staffId: true, name: true, role: true, passwordHash: true, active: true },
    });
    const ok = await verifyPassword(user?.active ? user.passwordHash : null, pw);
    if (!user || !ok) return null;
    await db.staffUser.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    return { kind: "staff", userId: user.id, role: user.role, loginId: user.staffId, name: user.name };
  });
}
