import "server-only";
import { wakeRegistrationDispatcher } from "@/lib/certificate/start-registration-dispatcher";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { issueAuthKey } from "./issue-auth-key";

export type ReissueActor =
  /** the contractor, from the key page: only for a guarantee of their own company */
  | { kind: "CONTRACTOR"; userId: string; loginId: string; companyId: string }
  /** surety staff (APPROVER or ADMIN), from /admin/contracts/[id] */
  | { kind: "STAFF"; staffId: string };

/**
 * 認証キーの再発行: revokes the key in force and issues a new one in one transaction (issueAuthKey), so the old key
 * fails at D-Sure from the moment this commits, and the next 認証キー等のお知らせ PDF carries the new one. Nothing is
 * mailed and the orderer is not told by the system: the contractor submits the new notice. The audit row names the
 * key rows, never a key.
 *
 * NOT_FOUND alike for a missing contract, another company's, and a paper certificate (which has no key).
 */
export async function reissueAuthKey({
  contractId,
  actor,
  now = new Date(),
}: {
  contractId: string;
  actor: ReissueActor;
  now?: Date;
}): Promise<{ authKeyId: string; issuedAt: Date; revokedKeyIds: string[] }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(contractId)) throw new DomainError("NOT_FOUND", { contractId });
  const result = await db.$transaction(async (tx) => {
    let audit: { actorType: "STAFF" | "CONTRACTOR"; actorId: string; actorLabel: string };
    let issuedBy: { issuedByStaffId?: string; issuedByUserId?: string };
    if (actor.kind === "STAFF") {
      const staff = await loadActingStaff(tx, { staffId: actor.staffId, roles: ["APPROVER", "ADMIN"] });
      audit = { actorType: "STAFF", actorId: staff.id, actorLabel: staff.staffId };
      issuedBy = { issuedByStaffId: staff.id };
    } else {
      const user = await tx.contractorUser.findUnique({ where: { id: actor.userId }, select: { active: true, companyId: true } });
      if (!user?.active || user.companyId !== actor.companyId) throw new DomainError("UNAUTHENTICATED");
      audit = { actorType: "CONTRACTOR", actorId: actor.userId, actorLabel: actor.loginId };
      issuedBy = { issuedByUserId: actor.userId };
    }

    const contract = await tx.guaranteeContract.findUnique({
      where: { id: contractId },
      select: { id: true, companyId: true, deliveryMethod: true, contractNumber: true },
    });
    if (!contract || contract.deliveryMethod !== "ELECTRONIC") throw new DomainError("NOT_FOUND", { contractId });
    if (actor.kind === "CONTRACTOR" && contract.companyId !== actor.companyId) throw new DomainError("NOT_FOUND", { contractId });

    const issued = await issueAuthKey(tx, { contractId, ...issuedBy, now });
    await writeAudit(tx, {
      ...audit,
      action: "authKey.reissue",
      entityType: "GuaranteeContract",
      entityId: contractId,
      before: { authKeyIds: issued.revokedKeyIds },
      after: { contractNumber: contract.contractNumber, authKeyId: issued.id, issuedAt: issued.issuedAt, revokedKeyIds: issued.revokedKeyIds },
    });
    return { authKeyId: issued.id, issuedAt: issued.issuedAt, revokedKeyIds: issued.revokedKeyIds };
  });
  wakeRegistrationDispatcher(); // deliver the queued registration now
  return result;
}
