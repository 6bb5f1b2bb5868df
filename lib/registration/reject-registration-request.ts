import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/guarantee-application/is-uuid";
import { normalizeMultilineText } from "@/lib/normalize";

/**
 * Rejects an ID登録申請 (for the back office) with a reason kept on the request; PENDING → REJECTED once.
 * `staffId` is the StaffUser's id (the session principal's `userId`). Throws NOT_FOUND, INVALID_STATE, FORBIDDEN,
 * VALIDATION (`details.fieldErrors.reason`).
 * No mail is sent: the mail catalogue (lib/mail/types.ts) has no rejection notice yet.
 */
export async function rejectRegistrationRequest({
  requestId,
  staffId,
  reason,
}: {
  requestId: string;
  staffId: string;
  reason: string;
}): Promise<void> {
  const text = normalizeMultilineText(reason ?? "");
  if (!text || text.length > 1000) {
    throw new DomainError("VALIDATION", { fieldErrors: { reason: ["却下の理由を1000文字以内で入力してください"] } });
  }
  await db.$transaction(async (tx) => {
    const staff = isUuid(staffId)
      ? await tx.staffUser.findFirst({ where: { id: staffId, active: true }, select: { id: true, staffId: true } })
      : null;
    if (!staff) throw new DomainError("FORBIDDEN", { reason: "staff" });
    const request = isUuid(requestId)
      ? await tx.registrationRequest.findUnique({ where: { id: requestId }, select: { id: true, status: true } })
      : null;
    if (!request) throw new DomainError("NOT_FOUND", { entity: "RegistrationRequest" });
    const { count } = await tx.registrationRequest.updateMany({
      where: { id: request.id, status: "PENDING" },
      data: { status: "REJECTED", rejectReason: text, decidedById: staff.id, decidedAt: new Date() },
    });
    if (count === 0) throw new DomainError("INVALID_STATE", { status: request.status });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.id,
      actorLabel: staff.staffId,
      action: "registration.reject",
      entityType: "RegistrationRequest",
      entityId: request.id,
      before: { status: "PENDING" },
      after: { status: "REJECTED", rejectReason: text },
    });
  });
}
