import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { wakeRegistrationDispatcher } from "./start-registration-dispatcher";

/**
 * 再登録 (APPROVER or ADMIN): a certificate whose registration at D-Sure ended in 登録エラー, or waits between retries,
 * is sent again now — its entries not yet registered go back to 登録待ち with a fresh count of attempts. The entries
 * themselves are not changed (they are signed; D-Sure registers them idempotently). Audited. Returns how many entries
 * were put back; 0 when everything was registered already.
 */
export async function retryCertificateRegistration({
  contractId,
  staffId,
  db = appDb,
}: {
  contractId: string;
  staffId: string;
  db?: Db;
}): Promise<{ requeued: number }> {
  const result = await db.$transaction(async (tx) => {
    const staff = await loadActingStaff(tx, { staffId, roles: ["APPROVER", "ADMIN"] });
    const contract = await tx.guaranteeContract.findUnique({ where: { id: contractId }, select: { contractNumber: true, deliveryMethod: true } });
    if (!contract || contract.deliveryMethod !== "ELECTRONIC") throw new DomainError("NOT_FOUND", { contractId });
    const waiting = await tx.certificateRegistration.findMany({
      where: { contractId, status: { not: "REGISTERED" } },
      select: { seq: true, status: true, attempts: true, lastError: true },
      orderBy: { seq: "asc" },
    });
    if (waiting.length === 0) return { requeued: 0 };
    await tx.certificateRegistration.updateMany({
      where: { contractId, status: { not: "REGISTERED" } },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lockedUntil: null },
    });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.id,
      actorLabel: staff.staffId,
      action: "certificate.registration.retry",
      entityType: "GuaranteeContract",
      entityId: contractId,
      before: { contractNumber: contract.contractNumber, entries: waiting },
      after: { status: "PENDING" },
    });
    return { requeued: waiting.length };
  });
  if (result.requeued) wakeRegistrationDispatcher();
  return result;
}
