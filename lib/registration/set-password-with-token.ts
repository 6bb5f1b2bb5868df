import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { hashPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/end-sessions";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { hashSetupToken } from "./hash-setup-token";
import { passwordLengthOk } from "./schemas";

/**
 * Sets the password through the mailed link. The token is consumed by one conditional UPDATE (unused and unexpired
 * by the database clock), so of two concurrent uses exactly one wins and the link never works twice; the other
 * setup links of the user stop working as well. Throws TOKEN_INVALID (used, expired, unknown, account inactive) and
 * VALIDATION for a password outside 12–128 characters.
 */
export async function setPasswordWithToken({ token, password }: { token: string; password: string }): Promise<{ customerId: string }> {
  if (!passwordLengthOk(password ?? "")) throw new DomainError("VALIDATION", { field: "password" });
  if (!token || token.length > 200) throw new DomainError("TOKEN_INVALID");
  const tokenHash = hashSetupToken(token);
  const passwordHash = await hashPassword(password); // slow on purpose: outside the transaction

  return db.$transaction(async (tx) => {
    const consumed = await tx.$executeRaw`
      UPDATE "PasswordSetupToken" SET "usedAt" = now()
      WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > now()`;
    if (consumed !== 1) throw new DomainError("TOKEN_INVALID");
    const { userId } = await tx.passwordSetupToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    const user = await tx.contractorUser.findUniqueOrThrow({ where: { id: userId }, select: { customerId: true, active: true } });
    if (!user.active) throw new DomainError("TOKEN_INVALID"); // rolls the consumption back as well
    await tx.contractorUser.update({ where: { id: userId }, data: { passwordHash } });
    await tx.passwordSetupToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await endSessions({ db: tx, which: { kind: "contractor", userId }, reason: "PASSWORD_CHANGED" });
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: user.customerId,
      action: "user.set_password",
      entityType: "ContractorUser",
      entityId: userId,
    });
    return { customerId: user.customerId };
  });
}
