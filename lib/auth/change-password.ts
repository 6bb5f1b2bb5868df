import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { takeAttempt, settleSuccess, type AttemptRule } from "@/lib/rate-limit/take-attempt";
import { passwordLengthOk } from "@/lib/registration/schemas";
import type { Principal } from "./authenticate";
import { endSessions } from "./end-sessions";
import { hashPassword, verifyPassword } from "./password";
import { startSession, type StartedSession } from "./start-session";

/** Wrong current passwords of one account: 5, then a growing delay (someone at an unattended desk guessing). */
export const PASSWORD_CHANGE_RULE: AttemptRule = { windowMs: 60 * 60 * 1000, free: 5, baseDelayMs: 60_000, maxDelayMs: 15 * 60 * 1000 };

/**
 * パスワードの変更, by the signed-in user: the current password is asked; the new one takes 12–128 characters and
 * differs from it. Every session of the account ends (a copied cookie stops working on every instance) and a new one
 * starts for the browser that made the change, which the caller puts into its cookie.
 * Throws VALIDATION (`details.field`: currentPassword / newPassword), THROTTLED or UNAUTHENTICATED.
 */
export async function changePassword({
  principal,
  currentPassword,
  newPassword,
  clientIp,
}: {
  principal: Principal;
  currentPassword: string;
  newPassword: string;
  clientIp: string;
}): Promise<StartedSession> {
  if (!passwordLengthOk(newPassword)) throw new DomainError("VALIDATION", { field: "newPassword", reason: "LENGTH" });
  if (newPassword === currentPassword) throw new DomainError("VALIDATION", { field: "newPassword", reason: "SAME" });

  const attempt = await takeAttempt({ keys: [{ key: `password-change:${principal.kind}:${principal.userId}`, rule: PASSWORD_CHANGE_RULE }] });
  if (!attempt.ok) throw new DomainError("THROTTLED", { until: attempt.until });
  const user =
    principal.kind === "contractor"
      ? await db.contractorUser.findUnique({ where: { id: principal.userId }, select: { passwordHash: true, active: true } })
      : await db.staffUser.findUnique({ where: { id: principal.userId }, select: { passwordHash: true, active: true } });
  if (!user?.active) throw new DomainError("UNAUTHENTICATED");
  if (!(await verifyPassword(user.passwordHash, currentPassword.slice(0, 256)))) {
    throw new DomainError("VALIDATION", { field: "currentPassword", reason: "WRONG" });
  }
  await settleSuccess({ ticket: attempt.ticket, forget: attempt.ticket.counted.map((c) => c.key) });
  const passwordHash = await hashPassword(newPassword); // slow on purpose: outside the transaction

  return db.$transaction(async (tx) => {
    if (principal.kind === "contractor") await tx.contractorUser.update({ where: { id: principal.userId }, data: { passwordHash } });
    else await tx.staffUser.update({ where: { id: principal.userId }, data: { passwordHash } });
    const ended = await endSessions({ db: tx, which: { kind: principal.kind, userId: principal.userId }, reason: "PASSWORD_CHANGED" });
    const session = await startSession({ db: tx, principal, clientIp });
    await writeAudit(tx, {
      actorType: principal.kind === "contractor" ? "CONTRACTOR" : "STAFF",
      actorId: principal.userId,
      actorLabel: principal.loginId,
      action: "user.change_password",
      entityType: principal.kind === "contractor" ? "ContractorUser" : "StaffUser",
      entityId: principal.userId,
      after: { sessionsEnded: ended },
    });
    return session;
  });
}
