import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { hashPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/end-sessions";
import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { hashToken } from "@/lib/crypto/hash-token";
import { passwordLengthOk } from "./schemas";

/**
 * Sets the password through the mailed link, a contractor's or a staff member's (`portal` says which the page is
 * for; a link of the other kind is TOKEN_INVALID there). The token is consumed by one conditional UPDATE (unused
 * and unexpired by the database clock), so of two concurrent uses exactly one wins and the link never works twice;
 * the other links of the user stop working as well, and every session of the account ends. Throws TOKEN_INVALID
 * (used, expired, unknown, other portal, account inactive) and VALIDATION for a password outside 12–128 characters.
 * Returns the login id (お客様ID or 職員ID).
 */
export async function setPasswordWithToken({
  token,
  password,
  portal = "enet",
}: {
  token: string;
  password: string;
  portal?: "enet" | "admin";
}): Promise<{ loginId: string }> {
  if (!passwordLengthOk(password ?? "")) throw new DomainError("VALIDATION", { field: "password" });
  if (!token || token.length > 200) throw new DomainError("TOKEN_INVALID");
  const tokenHash = hashToken(token);
  const passwordHash = await hashPassword(password); // slow on purpose: outside the transaction

  return db.$transaction(async (tx) => {
    const consumed = await tx.$executeRaw`
      UPDATE "PasswordSetupToken" SET "usedAt" = now()
      WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > now()`;
    if (consumed !== 1) throw new DomainError("TOKEN_INVALID");
    const { userId, staffUserId } = await tx.passwordSetupToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, staffUserId: true } });
    // A throw rolls the consumption back as well.
    if (portal === "enet" && userId) return setContractorPassword(tx, userId, passwordHash);
    if (portal === "admin" && staffUserId) return setStaffPassword(tx, staffUserId, passwordHash);
    throw new DomainError("TOKEN_INVALID");
  });
}

async function setContractorPassword(tx: Tx, userId: string, passwordHash: string) {
  const user = await tx.contractorUser.findUniqueOrThrow({ where: { id: userId }, select: { customerId: true, active: true } });
  if (!user.active) throw new DomainError("TOKEN_INVALID");
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
  return { loginId: user.customerId };
}

async function setStaffPassword(tx: Tx, staffUserId: string, passwordHash: string) {
  const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { staffId: true, active: true } });
  if (!staff.active) throw new DomainError("TOKEN_INVALID");
  await tx.staffUser.update({ where: { id: staffUserId }, data: { passwordHash } });
  await tx.passwordSetupToken.updateMany({ where: { staffUserId, usedAt: null }, data: { usedAt: new Date() } });
  await endSessions({ db: tx, which: { kind: "staff", userId: staffUserId }, reason: "PASSWORD_CHANGED" });
  await writeAudit(tx, {
    actorType: "STAFF",
    actorId: staffUserId,
    actorLabel: staff.staffId,
    action: "staff.set_password",
    entityType: "StaffUser",
    entityId: staffUserId,
  });
  return { loginId: staff.staffId };
}
