import "server-only";
import { addressGroupOf } from "@/lib/http/ip-address";
import { db } from "@/lib/db";
import { nfkc } from "@/lib/normalize";
import { blockedUntil, recordFailure, resetThrottle, FIFTEEN_MINUTES, type ThrottleRule } from "@/lib/rate-limit/throttle";
import { verifyPassword } from "./password";
import type { StaffRole } from "@/lib/generated/prisma/enums";

/** 10 failures in 15 minutes → refused for 15 minutes, per login id and per client address. */
export const LOGIN_THROTTLE: ThrottleRule = { limit: 10, windowMs: FIFTEEN_MINUTES, blockMs: FIFTEEN_MINUTES };

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
function normalizeLoginId(raw: unknown): string {
  if (typeof raw !== "string") return "";
  const id = nfkc(raw).trim().toLowerCase().slice(0, 64);
  return CONTROL_CHARACTER.test(id) ? "" : id;
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
  const keys = [`login:${scope}:id:${loginId}`, `login:${scope}:ip:${addressGroupOf(ip)}`];
  const blocked = await blockedUntil(db, keys);
  if (blocked) return { ok: false, reason: "THROTTLED", until: blocked };
  const principal = loginId && password ? await check(loginId, password) : null;
  if (!principal) {
    const until = (await Promise.all(keys.map((k) => recordFailure(db, k, LOGIN_THROTTLE)))).find(Boolean) ?? null;
    return until ? { ok: false, reason: "THROTTLED", until } : { ok: false, reason: "INVALID" };
  }
  await resetThrottle(db, keys[0]!);
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
