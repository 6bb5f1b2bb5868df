import "server-only";
import crypto from "node:crypto";
import { nfkc } from "@/lib/normalize";
import { addressGroupOf } from "@/lib/http/ip-address";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { takeAttempt, type AttemptRule } from "@/lib/rate-limit/take-attempt";
import type { TRegistrationRequest } from "./schemas";

const HOUR = 60 * 60 * 1000;

/**
 * The form mails whatever address it is given, in the surety's name: one client address may send 5 requests an hour,
 * and one mail address may receive 3 an hour; the next waits for the hour to pass.
 */
export const REGISTRATION_LIMITS = {
  address: { windowMs: HOUR, free: 5, baseDelayMs: HOUR, maxDelayMs: HOUR },
  mail: { windowMs: HOUR, free: 3, baseDelayMs: HOUR, maxDelayMs: HOUR },
} satisfies Record<string, AttemptRule>;

/** The counter of one destination: a hash, so the counters hold no mail address. */
function mailKey(email: string): string {
  return `register:mail:${crypto.createHash("sha256").update(nfkc(email).trim().toLowerCase()).digest("base64url")}`;
}

/**
 * ID登録申請: stores a PENDING RegistrationRequest for surety staff to decide, and queues 「ID登録申請受付のお知らせ」
 * to the address given — one transaction with its audit row. Throws THROTTLED (`details.until`, `details.by`: "mail"
 * or "address") when the client address has sent, or the mail address received, too many requests. Each request is
 * counted before it is judged, so parallel ones get no extra.
 */
export async function requestRegistration({
  input,
  clientIp,
}: {
  input: TRegistrationRequest;
  clientIp: string;
}): Promise<{ id: string }> {
  const mail = mailKey(input.email);
  const attempt = await takeAttempt({
    keys: [
      { key: `register:ip:${addressGroupOf(clientIp)}`, rule: REGISTRATION_LIMITS.address },
      { key: mail, rule: REGISTRATION_LIMITS.mail },
    ],
  });
  if (!attempt.ok) throw new DomainError("THROTTLED", { until: attempt.until, by: attempt.refusedBy.includes(mail) ? "mail" : "address" });

  const request = await db.$transaction(async (tx) => {
    const created = await tx.registrationRequest.create({ data: { ...input, status: "PENDING" }, select: { id: true } });
    await enqueueMail(tx, {
      template: "REGISTRATION_RECEIVED",
      to: input.email,
      data: { companyName: input.companyName, contactName: input.contactName },
    });
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorLabel: "ID登録申請（未登録）",
      action: "registration.request",
      entityType: "RegistrationRequest",
      entityId: created.id,
      after: { companyName: input.companyName, licenseNumber: input.licenseNumber, clientIp },
    });
    return created;
  });
  return request;
}
