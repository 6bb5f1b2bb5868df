import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import type { TSaveDepartment } from "./orderer-master-schemas";

/** 担当課の登録・変更 (ADMIN): name, the address key notices are mailed to, an optional subject of its own. */
export async function saveOrdererDepartment({ adminId, input }: { adminId: string; input: TSaveDepartment }): Promise<{ id: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
      const orderer = await tx.orderer.findUnique({ where: { id: input.ordererId }, select: { id: true } });
      if (!orderer) throw new DomainError("NOT_FOUND", { ordererId: input.ordererId });
      const select = { id: true, ordererId: true, name: true, email: true, mailSubjectTemplate: true, active: true } as const;
      const before = input.id ? await tx.ordererDepartment.findUnique({ where: { id: input.id }, select }) : null;
      if (input.id && (!before || before.ordererId !== input.ordererId)) throw new DomainError("NOT_FOUND", { departmentId: input.id });
      const data = { name: input.name, email: input.email, mailSubjectTemplate: input.mailSubjectTemplate, active: input.active };
      const after = before
        ? await tx.ordererDepartment.update({ where: { id: before.id }, data, select })
        : await tx.ordererDepartment.create({ data: { ...data, ordererId: input.ordererId }, select });
      await writeAudit(tx, {
        actorType: "STAFF",
        actorId: admin.id,
        actorLabel: admin.staffId,
        action: before ? "orderer-department.update" : "orderer-department.create",
        entityType: "OrdererDepartment",
        entityId: after.id,
        before,
        after,
      });
      return { id: after.id };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new DomainError("CONFLICT", { field: "name" });
    throw e;
  }
}
