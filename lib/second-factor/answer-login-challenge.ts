import "server-only";
import type { StaffPrincipal } from "@/lib/auth/authenticate";
import { openSecret } from "@/lib/crypto/seal-secret";
import { db } from "@/lib/db";
import { secondFactorKey } from "@/lib/env";
import { settleSuccess, takeAttempt, type AttemptRule } from "@/lib/rate-limit/take-attempt";
import { hashToken } from "@/lib/crypto/hash-token";
import { hashRecoveryCode } from "./recovery-codes";
import { base32Decode, matchTotpStep } from "./totp";

/** Wrong codes per challenge before it ends (the password is asked again). */
export const CHALLENGE_MAX_FAILURES = 5;
/** Codes per staff member across challenges: someone holding the password cannot guess on by starting anew. */
export const SECOND_FACTOR_RULE: AttemptRule = { windowMs: 60 * 60_000, free: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 };

export type ChallengeAnswer =
  | { ok: true; principal: StaffPrincipal; used: "totp" | "recovery" }
  | { ok: false; reason: "INVALID" | "EXPIRED" }
  | { ok: false; reason: "THROTTLED"; until: Date };

/**
 * The 確認コード step of a staff login: a 6-digit code of the app (accepted once: its step must come after the last
 * accepted) or an unused リカバリーコード (used up by this). The challenge lives five minutes and five wrong codes.
 */
export async function answerLoginChallenge({ token, code, now = new Date() }: { token: string; code: string; now?: Date }): Promise<ChallengeAnswer> {
  if (!token || token.length > 100) return { ok: false, reason: "EXPIRED" };
  const challenge = await db.staffLoginChallenge.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      usedAt: true,
      failures: true,
      staffUser: { select: { id: true, staffId: true, name: true, role: true, active: true, totpSecret: true, totpLastStep: true } },
    },
  });
  if (!challenge || challenge.usedAt || challenge.expiresAt <= now || challenge.failures >= CHALLENGE_MAX_FAILURES) {
    return { ok: false, reason: "EXPIRED" };
  }
  const staff = challenge.staffUser;
  if (!staff.active || !staff.totpSecret) return { ok: false, reason: "EXPIRED" };

  const attempt = await takeAttempt({ keys: [{ key: `second-factor:staff:${staff.id}`, rule: SECOND_FACTOR_RULE }], now });
  if (!attempt.ok) return { ok: false, reason: "THROTTLED", until: attempt.until };

  const typed = code.trim();
  const used = await db.$transaction(async (tx) => {
    const digits = typed.replace(/\s/g, "");
    if (/^\d{6}$/.test(digits)) {
      const secret = base32Decode(openSecret(staff.totpSecret!, secondFactorKey()));
      const step = matchTotpStep({ secret, code: digits, epochSeconds: now.getTime() / 1000, afterStep: staff.totpLastStep });
      if (step === null) return null;
      // Accepted once: of two logins with the same code, the second finds the step already taken.
      const taken = await tx.$executeRaw`
        UPDATE "StaffUser" SET "totpLastStep" = ${step}
        WHERE "id" = ${staff.id}::uuid AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`;
      return taken === 1 ? ("totp" as const) : null;
    }
    const spent = await tx.staffRecoveryCode.updateMany({
      where: { staffUserId: staff.id, codeHash: hashRecoveryCode(typed), usedAt: null },
      data: { usedAt: now },
    });
    return spent.count === 1 ? ("recovery" as const) : null;
  });

  if (!used) {
    await db.staffLoginChallenge.update({ where: { id: challenge.id }, data: { failures: { increment: 1 } } });
    return { ok: false, reason: "INVALID" };
  }
  const consumed = await db.staffLoginChallenge.updateMany({ where: { id: challenge.id, usedAt: null }, data: { usedAt: now } });
  if (consumed.count !== 1) return { ok: false, reason: "EXPIRED" };
  await settleSuccess({ ticket: attempt.ticket });
  return { ok: true, used, principal: { kind: "staff", userId: staff.id, role: staff.role, loginId: staff.staffId, name: staff.name } };
}
