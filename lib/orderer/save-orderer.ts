import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import type { TSaveOrderer } from "./orderer-master-schemas";

/** 発注者の登録・変更 (ADMIN). Applications and contracts keep pointing at the orderer; stopping it hides it from new applications. */
export async function saveOrderer({ adminId, input }: { adminId: string; input: TSaveOrderer }): Promise<{ id: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
      const select = { id: true, code: true, name: true, active: true } as const;
      const before = input.id ? await tx.orderer.findUnique({ where: { id: input.id }, select }) : null;
      if (input.id && !before) throw new DomainError("NOT_FOUND", { ordererId: input.id });
      const data = { code: input.code, name: input.name, active: input.active };
      const after = before
        ? await tx.orderer.update({ where: { id: before.id }, data, select })
        : await tx.orderer.create({ data, select });
      await writeAudit(tx, {
        actorType: "STAFF",
        actorId: admin.id,
        actorLabel: admin.staffId,
        action: before ? "orderer.update" : "orderer.create",
        entityType: "Orderer",
        entityId: after.id,
        before,
        after,
      });
      return { id: after.id };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new DomainError("CONFLICT", { field: "code" });
    throw e;
  }
}
