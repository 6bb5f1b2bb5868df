import "server-only";
import { addressGroupOf } from "@/lib/http/ip-address";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { blockedUntil, recordFailure, type ThrottleRule } from "@/lib/rate-limit/throttle";
import type { TRegistrationRequest } from "./schemas";

/** The form mails whatever address it is given, so one client address may send a few requests an hour, no more. */
export const REGISTRATION_THROTTLE: ThrottleRule = { limit: 5, windowMs: 60 * 60 * 1000, blockMs: 60 * 60 * 1000 };

/**
 * ID登録申請: stores a PENDING RegistrationRequest for surety staff to decide, and queues 「ID登録申請受付のお知らせ」
 * to the address given — one transaction with its audit row. Throws THROTTLED (`details.until`) when the client
 * address has sent too many requests.
 */
export async function requestRegistration({
  input,
  clientIp,
}: {
  input: TRegistrationRequest;
  clientIp: string;
}): Promise<{ id: string }> {
  const throttleKey = `register:ip:${addressGroupOf(clientIp)}`;
  const until = await blockedUntil(db, [throttleKey]);
  if (until) throw new DomainError("THROTTLED", { until });

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
  await recordFailure(db, throttleKey, REGISTRATION_THROTTLE); // counts requests, not failures
  return request;
}
