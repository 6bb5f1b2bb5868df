import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/guarantee-application/is-uuid";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { createPasswordSetupToken } from "./create-password-setup-token";
import { generateCustomerId } from "./generate-customer-id";
import { CUSTOMER_ID_PATTERN, normalizeCustomerId } from "./schemas";

export interface ApproveRegistrationResult {
  companyId: string;
  userId: string;
  customerId: string;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

/**
 * Approves an ID登録申請 (for the back office): creates the Company and its first ContractorUser (no password yet),
 * a single-use password-setup link (valid 24 h from the mail's sending), the mail 「ID登録のお知らせ」 carrying that link, and an audit row —
 * in one transaction. The request changes PENDING → APPROVED only once (a second approval is INVALID_STATE).
 *
 * `staffId` is the deciding StaffUser's id (the session principal's `userId`, not the 職員ID). `customerId` is the
 * お客様ID staff chose (lower-case letters, digits, `.`, `_`, `-`; 3–32), or omitted for a generated `c` + 7 digits.
 * Throws NOT_FOUND, INVALID_STATE, FORBIDDEN (no such active staff), VALIDATION / CONFLICT (`details.field` =
 * "customerId") for a malformed or taken id.
 */
export async function approveRegistrationRequest({
  requestId,
  staffId,
  customerId,
}: {
  requestId: string;
  staffId: string;
  customerId?: string;
}): Promise<ApproveRegistrationResult> {
  const chosen = customerId === undefined ? undefined : normalizeCustomerId(customerId);
  if (chosen !== undefined && !CUSTOMER_ID_PATTERN.test(chosen)) {
    throw new DomainError("VALIDATION", {
      field: "customerId",
      fieldErrors: { customerId: ["お客様IDは半角英小文字・数字・「.」「_」「-」の3〜32文字で指定してください"] },
    });
  }
  // A generated id can lose a race with another approval; then the whole transaction is tried again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await approveOnce(requestId, staffId, chosen);
    } catch (e) {
      if (chosen === undefined && isUniqueViolation(e) && attempt < 3) continue;
      if (chosen !== undefined && isUniqueViolation(e)) throw new DomainError("CONFLICT", { field: "customerId" });
      throw e;
    }
  }
}

async function approveOnce(requestId: string, staffId: string, chosen: string | undefined): Promise<ApproveRegistrationResult> {
  return db.$transaction(async (tx) => {
    const staff = isUuid(staffId)
      ? await tx.staffUser.findFirst({ where: { id: staffId, active: true }, select: { id: true, staffId: true } })
      : null;
    if (!staff) throw new DomainError("FORBIDDEN", { reason: "staff" });

    const request = isUuid(requestId)
      ? await tx.registrationRequest.findUnique({ where: { id: requestId } })
      : null;
    if (!request) throw new DomainError("NOT_FOUND", { entity: "RegistrationRequest" });
    const decidedAt = new Date();
    const { count } = await tx.registrationRequest.updateMany({
      where: { id: request.id, status: "PENDING" },
      data: { status: "APPROVED", decidedById: staff.id, decidedAt },
    });
    if (count === 0) throw new DomainError("INVALID_STATE", { status: request.status });

    let customerId: string;
    if (chosen !== undefined) {
      const taken = await tx.contractorUser.findUnique({ where: { customerId: chosen }, select: { id: true } });
      if (taken) throw new DomainError("CONFLICT", { field: "customerId" });
      customerId = chosen;
    } else {
      customerId = await generateCustomerId(tx);
    }

    const company = await tx.company.create({
      data: {
        name: request.companyName,
        representative: request.representative,
        address: request.address,
        licenseNumber: request.licenseNumber,
        email: request.email,
        phone: request.phone,
      },
      select: { id: true, name: true },
    });
    const user = await tx.contractorUser.create({
      data: { companyId: company.id, customerId, name: request.contactName, email: request.email, passwordHash: null },
      select: { id: true, name: true },
    });
    await tx.registrationRequest.update({ where: { id: request.id }, data: { companyId: company.id } });

    const { tokenId, setupUrl } = await createPasswordSetupToken(tx, { userId: user.id });
    await enqueueMail(tx, {
      template: "ID_REGISTERED",
      to: request.email,
      data: { companyName: company.name, userName: user.name, customerId, setupUrl },
      linkTokenId: tokenId,
    });
    await writeAudit(tx, {
      actorType: "STAFF",
      actorId: staff.id,
      actorLabel: staff.staffId,
      action: "registration.approve",
      entityType: "RegistrationRequest",
      entityId: request.id,
      before: { status: "PENDING" },
      after: { status: "APPROVED", companyId: company.id, userId: user.id, customerId },
    });
    return { companyId: company.id, userId: user.id, customerId };
  });
}
