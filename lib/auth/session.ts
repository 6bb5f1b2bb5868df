import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { findLiveContractorSession, findLiveStaffSession } from "./find-live-session";
import { readSessionToken } from "./read-session-token";
import type { ContractorPrincipal, StaffPrincipal } from "./authenticate";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { requiresSecondFactor } from "@/lib/second-factor/requires-second-factor";

/**
 * Role and ownership checks for pages, server actions and route handlers. Every entry point calls one of these
 * itself; the portal layouts redirect too, but only for convenience. A session is the cookie *and* its live row
 * (UserSession): logout, a password change and 無効化 end the row, and a copy of the cookie stops working with it.
 * Each is checked once per request (React cache), however many components ask.
 */
export const currentContractor = cache(async (): Promise<ContractorPrincipal | null> => {
  const token = await readSessionToken();
  const p = token?.principal;
  if (!token || !p || p.kind !== "contractor") return null;
  const live = await findLiveContractorSession({ sid: token.sid, userId: p.userId });
  if (!live || live.companyId !== p.companyId) return null;
  return p;
});

/**
 * The signed-in staff member, with the role as it is now (not as it was at login). `needsSecondFactor`: the role
 * requires 二段階認証 and none is confirmed yet; such a member may only enrol (requireStaff and requireStaffPage
 * refuse everything else).
 */
export const currentStaff = cache(async (): Promise<(StaffPrincipal & { needsSecondFactor: boolean }) | null> => {
  const token = await readSessionToken();
  const p = token?.principal;
  if (!token || !p || p.kind !== "staff") return null;
  const live = await findLiveStaffSession({ sid: token.sid, userId: p.userId });
  if (!live) return null;
  return { ...p, role: live.role, needsSecondFactor: requiresSecondFactor(live.role) && !live.secondFactor };
});

/** The current request's session id (UserSession.id), for ending it at logout or replacing it after a password change. */
export async function currentSessionId(): Promise<string | null> {
  return (await readSessionToken())?.sid ?? null;
}

/** For pages: the contractor, or a redirect to the e-Net保証 login. */
export async function requireContractorPage(): Promise<ContractorPrincipal> {
  const p = await currentContractor();
  if (!p) redirect("/enet/login");
  return p;
}

/**
 * For pages: staff with one of `roles`, or a redirect to the back-office login (or 403 page for a wrong role, or
 * 二段階認証の設定 for a member who must enrol first).
 */
export async function requireStaffPage(roles?: StaffRole[]): Promise<StaffPrincipal> {
  const p = await currentStaff();
  if (!p) redirect("/admin/login");
  if (p.needsSecondFactor) redirect("/admin/two-factor");
  if (roles && !roles.includes(p.role)) redirect("/admin/forbidden");
  return p;
}

/** For server actions and route handlers: throws a DomainError the caller maps to 401/403. */
export async function requireContractor(): Promise<ContractorPrincipal> {
  const p = await currentContractor();
  if (!p) throw new DomainError("UNAUTHENTICATED");
  return p;
}

export async function requireStaff(roles?: StaffRole[]): Promise<StaffPrincipal> {
  const p = await currentStaff();
  if (!p) throw new DomainError("UNAUTHENTICATED");
  if (p.needsSecondFactor) throw new DomainError("FORBIDDEN", { reason: "second_factor" });
  if (roles && !roles.includes(p.role)) throw new DomainError("FORBIDDEN", { roles });
  return p;
}
