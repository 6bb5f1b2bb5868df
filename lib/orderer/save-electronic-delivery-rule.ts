import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import type { TSaveDeliveryRule } from "./orderer-master-schemas";

/**
 * 電子交付の設定 of an orderer (ADMIN): whether and from which 入札日 it takes 電子証書, for which work categories and
 * guarantee types, and how contractors submit the 認証キー. Applies to applications checked from now on;
 * concluded contracts are not affected.
 */
export async function saveElectronicDeliveryRule({ adminId, input }: { adminId: string; input: TSaveDeliveryRule }): Promise<void> {
  await db.$transaction(async (tx) => {
    const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
    const orderer = await tx.orderer.findUnique({ where: { id: input.ordererId }, select: { id: true } });
    if (!orderer) throw new DomainError("NOT_FOUND", { ordererId: input.ordererId });
    const select = {
      acceptsElectronic: true,
      startDate: true,
      workCategories: true,
      guaranteeTypes: true,
      keySubmissionMethod: true,
      keySubmissionNote: true,
      mailSubjectTemplate: true,
    } as const;
    const before = await tx.electronicDeliveryRule.findUnique({ where: { ordererId: input.ordererId }, select });
    const data = {
      acceptsElectronic: input.acceptsElectronic,
      startDate: input.startDate ? new Date(`${input.startDate}T00:00:00Z`) : null,
      workCategories: input.workCategories,
      guaranteeTypes: input.guaranteeTypes,
      keySubmissionMethod: input.keySubmissionMethod,
      keySubmissionNote: input.keySubmissionNote,
      mailSubjectTemplate: input.mailSubjectTemplate,
    };
    const after = await tx.electronicDeliveryRule.upsert({
      where: { ordererId: input.ordererId },
      create: { ordererId: input.ordererId, ...data },
      update: data,
      select,
    });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: admin.id,
      actorLabel: admin.staffId,
      action: "orderer-rule.save",
      entityType: "ElectronicDeliveryRule",
      entityId: input.ordererId,
      before,
      after,
    });
  });
}
