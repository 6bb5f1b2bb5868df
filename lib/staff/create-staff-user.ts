import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { hashPassword } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import type { TCreateStaffUser } from "./schemas";

/** 職員の登録 by an ADMIN. The password is stored as an argon2id hash only; the audit row never carries it. */
export async function createStaffUser({ adminId, input }: { adminId: string; input: TCreateStaffUser }): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
      const created = await tx.staffUser.create({
        data: { staffId: input.staffId, name: input.name, email: input.email, role: input.role, passwordHash },
        select: { id: true, staffId: true, name: true, email: true, role: true, active: true },
      });
      await writeAudit(tx, {
        actorType: "STAFF",
        actorId: admin.id,
        actorLabel: admin.staffId,
        action: "staff.create",
        entityType: "StaffUser",
        entityId: created.id,
        before: null,
        after: created,
      });
      return { id: created.id };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new DomainError("CONFLICT", { field: "staffId" }, "staffId already exists");
    }
    throw e;
  }
}
