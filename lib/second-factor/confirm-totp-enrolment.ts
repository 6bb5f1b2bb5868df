import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { endSessions } from "@/lib/auth/end-sessions";
import { openSecret } from "@/lib/crypto/seal-secret";
import { db } from "@/lib/db";
import { secondFactorKey } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import { base32Decode, matchTotpStep } from "./totp";

/**
 * Confirms 二段階認証の設定 with a code from the app: the pending secret becomes the secret, ten new リカバリーコード
 * are made (returned once, kept hashed), and every other session of the staff member ends (one that began with the
 * password alone must not outlive the second factor). Throws VALIDATION (field `code`) for a wrong code and
 * INVALID_STATE when there is nothing pending (already enrolled, or the page was not shown).
 */
export async function confirmTotpEnrolment({
  staffUserId,
  code,
  keepSessionId,
  now = new Date(),
}: {
  staffUserId: string;
  code: string;
  keepSessionId: string | null;
  now?: Date;
}): Promise<{ recoveryCodes: string[] }> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ staffId: string; active: boolean; totpPendingSecret: string | null; totpEnabledAt: Date | null }[]>`
      SELECT "staffId", "active", "totpPendingSecret", "totpEnabledAt" FROM "StaffUser" WHERE "id" = ${staffUserId}::uuid FOR UPDATE`;
    const staff = rows[0];
    if (!staff?.active) throw new DomainError("UNAUTHENTICATED");
    if (staff.totpEnabledAt || !staff.totpPendingSecret) throw new DomainError("INVALID_STATE");
    const secret = openSecret(staff.totpPendingSecret, secondFactorKey());
    const step = matchTotpStep({ secret: base32Decode(secret), code, epochSeconds: now.getTime() / 1000, afterStep: null });
    if (step === null) throw new DomainError("VALIDATION", { field: "code" });

    await tx.staffUser.update({
      where: { id: staffUserId },
      data: { totpSecret: staff.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    const recoveryCodes = generateRecoveryCodes();
    await tx.staffRecoveryCode.deleteMany({ where: { staffUserId } });
    await tx.staffRecoveryCode.createMany({ data: recoveryCodes.map((c) => ({ staffUserId, codeHash: hashRecoveryCode(c) })) });
    await endSessions({ db: tx, which: { kind: "staff", userId: staffUserId }, except: keepSessionId, reason: "SECOND_FACTOR_ENROLLED", now });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staffUserId,
      actorLabel: staff.staffId,
      action: "staff.second_factor.enrol",
      entityType: "StaffUser",
      entityId: staffUserId,
    });
    return { recoveryCodes };
  });
}
