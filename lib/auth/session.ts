import "server-only";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { ContractorPrincipal, StaffPrincipal } from "./authenticate";
import type { StaffRole } from "@/lib/generated/prisma/enums";

/**
 * Role and ownership checks for pages, server actions and route handlers. Every entry point calls one of these
 * itself; the portal layouts redirect too, but only for convenience.
 */
export async function currentContractor(): Promise<ContractorPrincipal | null> {
  const session = await auth();
  const p = session?.principal;
  if (!p || p.kind !== "contractor") return null;
  const user = await db.contractorUser.findUnique({ where: { id: p.userId }, select: { active: true, companyId: true } });
  if (!user?.active || user.companyId !== p.companyId) return null;
  return p;
}

export async function currentStaff(): Promise<StaffPrincipal | null> {
  const session = await auth();
  const p = session?.principal;
  if (!p || p.kind !== "staff") return null;
  const user = await db.staffUser.findUnique({ where: { id: p.userId }, select: { active: true, role: true } });
  if (!user?.active) return null;
  return { ...p, role: user.role }; // the role as it is now, not as it was at login
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
