import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { normalizeLoginId } from "@/lib/auth/authenticate";
import { addressGroupOf } from "@/lib/http/ip-address";
import { takeAttempt, type AttemptRule } from "@/lib/rate-limit/take-attempt";
import { createPasswordSetupToken } from "./create-password-setup-token";

const HOUR = 60 * 60 * 1000;

/**
 * One client address may ask 5 times an hour (then it is told to wait: that says nothing about any ID); one account
 * gets at most 3 mails an hour, and further asks get the same answer as ever, with no mail.
 */
export const RESET_LIMITS = {
  address: { windowMs: HOUR, free: 5, baseDelayMs: HOUR, maxDelayMs: HOUR },
  account: { windowMs: HOUR, free: 3, baseDelayMs: HOUR, maxDelayMs: HOUR },
} satisfies Record<string, AttemptRule>;

/**
 * パスワードの再設定 (also for a first password whose link has expired): for an active お客様ID, a single-use link
 * valid one hour from its sending, mailed to the account's address; the links sent before stop working. The answer
 * is the same whether or not the ID exists (nothing is returned). Throws THROTTLED (`details.until`) only for the
 * client address.
 */
export async function requestPasswordReset({ customerId, clientIp }: { customerId: string; clientIp: string }): Promise<void> {
  const loginId = normalizeLoginId(customerId); // as the login reads it (a control character is no id at all)
  const accountKey = `reset:enet:id:${loginId}`;
  const attempt = await takeAttempt({
    keys: [
      { key: `reset:enet:ip:${addressGroupOf(clientIp)}`, rule: RESET_LIMITS.address },
      { key: accountKey, rule: RESET_LIMITS.account },
    ],
  });
  if (!attempt.ok) {
    if (attempt.refusedBy.some((k) => k !== accountKey)) throw new DomainError("THROTTLED", { until: attempt.until });
    return; // this account had its mails for the hour: the same answer, no mail
  }
  if (!loginId) return;
  await db.$transaction(async (tx) => {
    const user = await tx.contractorUser.findUnique({
      where: { customerId: loginId },
      select: { id: true, customerId: true, name: true, email: true, active: true, company: { select: { name: true } } },
    });
    if (!user?.active) return;
    await tx.passwordSetupToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    const { tokenId, setupUrl } = await createPasswordSetupToken(tx, { userId: user.id, purpose: "RESET" });
    await enqueueMail(tx, {
      template: "PASSWORD_RESET",
      to: user.email,
      data: { companyName: user.company.name, userName: user.name, customerId: user.customerId, resetUrl: setupUrl },
      linkTokenId: tokenId,
    });
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: user.id,
      actorLabel: user.customerId,
      action: "user.request_password_reset",
      entityType: "ContractorUser",
      entityId: user.id,
      after: { clientIp },
    });
  });
}
