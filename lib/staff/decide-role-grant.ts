import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/guarantee-application/is-uuid";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { createPasswordSetupToken } from "@/lib/registration/create-password-setup-token";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { STAFF_ROLE_LABELS } from "./schemas";

/**
 * 権限の付与の承認・却下 by a second システム管理者: never the one who asked for it, nor the one it is for
 * (FORBIDDEN, `details.reason` SELF). Approved, a raise takes effect (if the member still holds the role it was asked
 * from; else INVALID_STATE), and a new member gets 「職員ID登録のお知らせ」 with the link to set a password. Rejected,
 * nothing changes, and a new member's account is stopped. A grant is decided once (INVALID_STATE after).
 */
export async function decideRoleGrant({ adminId, grantId, approve }: { adminId: string; grantId: string; approve: boolean }): Promise<void> {
  if (!isUuid(grantId)) throw new DomainError("NOT_FOUND", { entity: "StaffRoleGrant" });
  await db.$transaction(async (tx) => {
    const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "StaffRoleGrant" WHERE "id" = ${grantId}::uuid FOR UPDATE`;
    if (!rows.length) throw new DomainError("NOT_FOUND", { entity: "StaffRoleGrant" });
    const grant = await tx.staffRoleGrant.findUniqueOrThrow({
      where: { id: grantId },
      include: { staffUser: { select: { id: true, staffId: true, name: true, email: true, role: true, active: true } } },
    });
    if (grant.status !== "PENDING") throw new DomainError("INVALID_STATE", { status: grant.status });
    if (grant.requestedById === admin.id || grant.staffUserId === admin.id) {
      throw new DomainError("FORBIDDEN", { reason: "SELF" }, "a grant is decided by another administrator");
    }
    const member = grant.staffUser;
    const decided = { status: approve ? ("APPROVED" as const) : ("REJECTED" as const), decidedById: admin.id, decidedAt: new Date() };
    await tx.staffRoleGrant.update({ where: { id: grantId }, data: decided });

    if (approve && grant.fromRole === null) {
      const { tokenId, setupUrl } = await createPasswordSetupToken(tx, { staffUserId: member.id });
      await enqueueMail(tx, {
        template: "STAFF_REGISTERED",
        to: member.email,
        data: { name: member.name, staffId: member.staffId, roleLabel: STAFF_ROLE_LABELS[grant.toRole], setupUrl },
        linkTokenId: tokenId,
      });
    } else if (approve) {
      if (member.role !== grant.fromRole) throw new DomainError("INVALID_STATE", { reason: "ROLE_CHANGED" });
      await tx.staffUser.update({ where: { id: member.id }, data: { role: grant.toRole } });
    } else if (grant.fromRole === null) {
      await tx.staffUser.update({ where: { id: member.id }, data: { active: false } });
    }
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: admin.id,
      actorLabel: admin.staffId,
      action: approve ? "staff.role_grant.approve" : "staff.role_grant.reject",
      entityType: "StaffUser",
      entityId: member.id,
      before: { staffId: member.staffId, role: grant.fromRole, grant: "PENDING" },
      after: { staffId: member.staffId, role: approve ? grant.toRole : grant.fromRole, grant: decided.status, requestedById: grant.requestedById },
    });
  });
}
