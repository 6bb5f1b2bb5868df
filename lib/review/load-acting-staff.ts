import "server-only";
import type { Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { StaffRole } from "@/lib/generated/prisma/enums";

/**
 * The staff member a back-office entry point acts for, read inside its transaction: active and holding one of
 * `roles`, or UNAUTHENTICATED / FORBIDDEN. Entry points check this themselves, whatever the caller checked.
 */
export async function loadActingStaff(
  tx: Tx,
  { staffId, roles }: { staffId: string; roles: readonly StaffRole[] },
): Promise<{ id: string; staffId: string; role: StaffRole }> {
  const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { id: true, staffId: true, role: true, active: true } });
  if (!staff?.active) throw new DomainError("UNAUTHENTICATED");
  if (!roles.includes(staff.role)) throw new DomainError("FORBIDDEN", { roles });
  return { id: staff.id, staffId: staff.staffId, role: staff.role };
}
