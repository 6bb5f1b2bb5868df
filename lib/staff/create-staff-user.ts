import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import type { TCreateStaffUser } from "./schemas";

/**
 * 職員の登録 by an ADMIN: the account (no password yet) and the grant of its role, waiting for another システム管理者
 * (decideRoleGrant). Only then is 「職員ID登録のお知らせ」 mailed with the link to set a password, so until a second
 * administrator agrees nobody can sign in as the new member. Throws CONFLICT (field staffId) for a taken 職員ID.
 */
export async function createStaffUser({ adminId, input }: { adminId: string; input: TCreateStaffUser }): Promise<{ id: string; grantId: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
      const created = await tx.staffUser.create({
        data: { staffId: input.staffId, name: input.name, email: input.email, role: input.role, passwordHash: null },
        select: { id: true, staffId: true, name: true, email: true, role: true, active: true },
      });
      const grant = await tx.staffRoleGrant.create({
        data: { staffUserId: created.id, fromRole: null, toRole: input.role, requestedById: admin.id },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorType: "STAFF",
        actorId: admin.id,
        actorLabel: admin.staffId,
        action: "staff.create",
        entityType: "StaffUser",
        entityId: created.id,
        before: null,
        after: { ...created, grant: "PENDING" },
      });
      return { id: created.id, grantId: grant.id };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new DomainError("CONFLICT", { field: "staffId" }, "staffId already exists");
    }
    throw e;
  }
}
