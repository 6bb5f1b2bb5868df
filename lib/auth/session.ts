import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { findLiveContractorSession, findLiveStaffSession } from "./find-live-session";
import { readSessionToken } from "./read-session-token";
import type { ContractorPrincipal, StaffPrincipal } from "./authenticate";
import type { StaffRole } from "@/lib/generated/prisma/enums";

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

export const currentStaff = cache(async (): Promise<StaffPrincipal | null> => {
  const token = await readSessionToken();
  const p = token?.principal;
  if (!token || !p || p.kind !== "staff") return null;
  const live = await findLiveStaffSession({ sid: token.sid, userId: p.userId });
  if (!live) return null;
  return { ...p, role: live.role }; // the role as it is now, not as it was at login
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

/** For pages: staff with one of `roles`, or a redirect to the back-office login (or 403 page for a wrong role). */
export async function requireStaffPage(roles?: StaffRole[]): Promise<StaffPrincipal> {
  const p = await currentStaff();
  if (!p) redirect("/admin/login");
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
  if (roles && !roles.includes(p.role)) throw new DomainError("FORBIDDEN", { roles });
  return p;
}
