import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { DomainError } from "@/lib/errors";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { formatKeyNoticeSubject } from "./format-key-notice-subject";

export type SendKeyNoticeResult = {
  submissionId: string;
  /** true when this form had already been sent (a double click): nothing was sent again */
  alreadySent: boolean;
  toAddress: string;
  departmentName: string;
  sentAt: Date;
};

/**
 * 発注者へ送信 (flyer step 5, done by the service for the contractor): mails 認証キー等のお知らせ to the registered
 * address of a department of the guarantee's orderer. The mail is written to the outbox with a reference to the
 * notice, never the key: the dispatcher renders the PDF (with the key in force) when it sends. The subject follows
 * the orderer's rule. The submission (who, to whom, which key, when) is recorded with an audit row, in one
 * transaction. The form's token makes a double click send once.
 *
 * NOT_FOUND alike for a missing number, another company's and a paper certificate. INVALID_STATE when the guarantee
 * is cancelled, has no key in force, or its orderer does not take the notice by e-mail. VALIDATION for a department
 * that is not the orderer's (`fieldErrors.departmentId`).
 */
export async function sendKeyNoticeToOrderer({
  companyId,
  userId,
  loginId,
  contractNumber,
  departmentId,
  requestToken,
  now = new Date(),
}: {
  companyId: string;
  userId: string;
  loginId: string;
  contractNumber: string;
  departmentId: string;
  requestToken: string | null;
  now?: Date;
}): Promise<SendKeyNoticeResult> {
  const parsed = parseContractNumber(contractNumber.slice(0, 64));
  if (!parsed.ok) throw new DomainError("NOT_FOUND", { contractNumber });
  return db.$transaction(async (tx) => {
    const user = await tx.contractorUser.findUnique({ where: { id: userId }, select: { active: true, companyId: true } });
    if (!user?.active || user.companyId !== companyId) throw new DomainError("UNAUTHENTICATED");

    // Row lock on the guarantee: a double click's two requests are served one after the other.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "GuaranteeContract" WHERE "contractNumber" = ${parsed.value} AND "companyId" = ${companyId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new DomainError("NOT_FOUND", { contractNumber });
    const contractId = locked[0]!.id;

    if (requestToken) {
      const existing = await tx.ordererSubmission.findUnique({
        where: { requestToken },
        select: { id: true, contractId: true, toAddress: true, createdAt: true, department: { select: { name: true } } },
      });
      if (existing) {
        if (existing.contractId !== contractId) throw new DomainError("CONFLICT", { requestToken: "reused" });
        return { submissionId: existing.id, alreadySent: true, toAddress: existing.toAddress, departmentName: existing.department.name, sentAt: existing.createdAt };
      }
    }

    const c = await tx.guaranteeContract.findUniqueOrThrow({
      where: { id: contractId },
      select: {
        id: true,
        contractNumber: true,
        deliveryMethod: true,
        status: true,
        guaranteeType: true,
        workName: true,
        ordererId: true,
        company: { select: { name: true } },
        orderer: { select: { name: true, deliveryRule: { select: { keySubmissionMethod: true, mailSubjectTemplate: true } } } },
        authKeys: { where: { revokedAt: null }, orderBy: { issuedAt: "desc" }, take: 1, select: { id: true } },
        // The newest entry D-Sure has not accepted yet: the orderer's mail waits for it, so the key it carries opens.
        registrations: { where: { status: { not: "REGISTERED" } }, orderBy: { seq: "desc" }, take: 1, select: { id: true } },
      },
    });
    if (c.deliveryMethod !== "ELECTRONIC") throw new DomainError("NOT_FOUND", { contractNumber });
    if (c.status === "CANCELLED") throw new DomainError("INVALID_STATE", { reason: "CANCELLED" });
    const key = c.authKeys[0];
    if (!key) throw new DomainError("INVALID_STATE", { reason: "NO_KEY" });
    const rule = c.orderer.deliveryRule;
    if (rule && rule.keySubmissionMethod !== "EMAIL") throw new DomainError("INVALID_STATE", { reason: "NOT_BY_EMAIL" });

    const department = await tx.ordererDepartment.findFirst({
      where: { id: departmentId, ordererId: c.ordererId, active: true },
      select: { id: true, name: true, email: true, mailSubjectTemplate: true },
    });
    if (!department) throw new DomainError("VALIDATION", { fieldErrors: { departmentId: ["送信先の担当課を選択してください"] } });

    const subject = formatKeyNoticeSubject(department.mailSubjectTemplate ?? rule?.mailSubjectTemplate, {
      guaranteeTypeLabel: GUARANTEE_TYPE_LABELS[c.guaranteeType],
      workName: c.workName,
      contractNumber: c.contractNumber,
    });
    const outbox = await enqueueMail(tx, {
      template: "KEY_NOTICE_TO_ORDERER",
      to: department.email,
      data: {
        subject,
        ordererName: c.orderer.name,
        departmentName: department.name,
        companyName: c.company.name,
        contractNumber: c.contractNumber,
        workName: c.workName,
      },
      attachments: [{ kind: "AUTH_KEY_NOTICE", contractId: c.id }],
      awaitsRegistrationId: c.registrations[0]?.id ?? null,
    });
    const submission = await tx.ordererSubmission.create({
      data: {
        contractId: c.id,
        departmentId: department.id,
        sentByUserId: userId,
        toAddress: department.email,
        subject,
        outboxId: outbox.id,
        keyVersionId: key.id,
        requestToken,
        createdAt: now,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: loginId,
      action: "authKeyNotice.sendToOrderer",
      entityType: "GuaranteeContract",
      entityId: c.id,
      after: { submissionId: submission.id, departmentId: department.id, toAddress: department.email, subject, outboxId: outbox.id, authKeyId: key.id },
    });
    return { submissionId: submission.id, alreadySent: false, toAddress: department.email, departmentName: department.name, sentAt: now };
  });
}
