import "server-only";
import { db, type Tx } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { endSessions } from "@/lib/auth/end-sessions";
import { isRoleRaise } from "./schemas";

/**
 * 権限の変更 / 利用停止・再開 of a staff account by an ADMIN. An administrator cannot change or stop their own account,
 * and the last active ADMIN cannot lose the role, so the back office can never be left without one.
 * Sessions read the role and the active flag on every request, so a change applies at once — except a raise of the
 * role, which is a grant: it waits for another システム管理者 (decideRoleGrant) and the result says `pending`. While a
 * grant waits, the member's role does not change (INVALID_STATE, `details.reason` GRANT_PENDING).
 */
export async function updateStaffUser({
  adminId,
  id,
  change,
}: {
  adminId: string;
  id: string;
  change: { role: StaffRole } | { active: boolean };
}): Promise<{ pending: boolean }> {
  return db.$transaction(async (tx) => {
    // Serialise administrators' changes (lock the ADMIN rows first, then check the actor), so two admins demoting
    // each other at the same moment cannot leave none: the second one finds it is no longer an ADMIN.
    await tx.$queryRaw`SELECT "id" FROM "StaffUser" WHERE "role" = 'ADMIN' FOR UPDATE`;
    const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
    if (admin.id === id) throw new DomainError("FORBIDDEN", { reason: "SELF" }, "cannot change own account");
    const before = await tx.staffUser.findUnique({ where: { id }, select: { id: true, staffId: true, role: true, active: true } });
    if (!before) throw new DomainError("NOT_FOUND", { id });

    if ("role" in change) {
      const waiting = await tx.staffRoleGrant.count({ where: { staffUserId: id, status: "PENDING" } });
      if (waiting) throw new DomainError("INVALID_STATE", { reason: "GRANT_PENDING" });
    }
    if ("role" in change && isRoleRaise(before.role, change.role)) {
      await tx.staffRoleGrant.create({ data: { staffUserId: id, fromRole: before.role, toRole: change.role, requestedById: admin.id } });
      await writeAudit(tx, {
        actorType: "STAFF",
        actorId: admin.id,
        actorLabel: admin.staffId,
        action: "staff.role_grant.request",
        entityType: "StaffUser",
        entityId: id,
        before: { staffId: before.staffId, role: before.role },
        after: { staffId: before.staffId, role: change.role, grant: "PENDING" },
      });
      return { pending: true };
    }

    const after = { role: before.role, active: before.active, ...change };
    if (before.role === "ADMIN" && before.active && (after.role !== "ADMIN" || !after.active)) {
      await assertAnotherActiveAdmin(tx, id);
    }
    await tx.staffUser.update({ where: { id }, data: change });
    // 利用停止 ends every session of the account at once (the session check would refuse them anyway while it is
    // stopped; ended, they stay ended after 利用再開).
    if ("active" in change && !change.active) await endSessions({ db: tx, which: { kind: "staff", userId: id }, reason: "DEACTIVATED" });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: admin.id,
      actorLabel: admin.staffId,
      action: "role" in change ? "staff.change-role" : change.active ? "staff.reactivate" : "staff.deactivate",
      entityType: "StaffUser",
      entityId: id,
      before: { staffId: before.staffId, role: before.role, active: before.active },
      after: { staffId: before.staffId, ...after },
    });
    return { pending: false };
  });
}

async function assertAnotherActiveAdmin(tx: Tx, exceptId: string): Promise<void> {
  const others = await tx.staffUser.count({ where: { role: "ADMIN", active: true, id: { not: exceptId } } });
  if (others === 0) throw new DomainError("INVALID_STATE", { reason: "LAST_ADMIN" }, "the last active ADMIN must stay");
}
