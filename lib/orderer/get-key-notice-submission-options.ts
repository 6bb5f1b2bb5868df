import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import type { KeySubmissionMethod, MailStatus } from "@/lib/generated/prisma/enums";

export type KeyNoticeSubmissionView = {
  id: string;
  createdAt: Date;
  departmentName: string;
  toAddress: string;
  subject: string;
  /** the outbox row's state: PENDING 送信待ち, SENT 送信済み, FAILED 送信失敗 */
  mailStatus: MailStatus | null;
  mailSentAt: Date | null;
  /** false once the key it carried was reissued: the orderer needs the new notice */
  carriedCurrentKey: boolean;
};

export type KeyNoticeSubmissionOptions = {
  contractId: string;
  contractNumber: string;
  ordererName: string;
  /** the department the guarantee was applied for, preselected */
  defaultDepartmentId: string;
  departments: { id: string; name: string; email: string }[];
  keySubmissionMethod: KeySubmissionMethod | null;
  keySubmissionNote: string | null;
  cancelled: boolean;
  authKeyIssuedAt: Date | null;
  /** why 発注者へ送信 is not offered, or null when it is */
  sendBlockedReason: string | null;
  submissions: KeyNoticeSubmissionView[];
};

/**
 * What the key page's 「発注者へ送信」 and 「認証キーの再発行」 show for one guarantee of the company: the orderer's
 * departments and rule, the key's issue time and the submissions made so far. Null for a number that does not
 * exist, another company's, or a paper certificate (the page answers 404 for each alike).
 */
export async function getKeyNoticeSubmissionOptions({
  companyId,
  contractNumber,
  db = appDb,
}: {
  companyId: string;
  contractNumber: string;
  db?: Db;
}): Promise<KeyNoticeSubmissionOptions | null> {
  const parsed = parseContractNumber(contractNumber.slice(0, 64));
  if (!parsed.ok) return null;
  const c = await db.guaranteeContract.findUnique({
    where: { contractNumber: parsed.value },
    select: {
      id: true,
      companyId: true,
      contractNumber: true,
      deliveryMethod: true,
      status: true,
      departmentId: true,
      orderer: {
        select: {
          name: true,
          departments: { where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } },
          deliveryRule: { select: { keySubmissionMethod: true, keySubmissionNote: true } },
        },
      },
      authKeys: { where: { revokedAt: null }, orderBy: { issuedAt: "desc" }, take: 1, select: { id: true, issuedAt: true } },
      submissions: {
        orderBy: { createdAt: "desc" },
        take: 20,
        select: { id: true, createdAt: true, toAddress: true, subject: true, outboxId: true, keyVersionId: true, department: { select: { name: true } } },
      },
    },
  });
  if (!c || c.companyId !== companyId || c.deliveryMethod !== "ELECTRONIC") return null;

  const outbox = c.submissions.length
    ? await db.mailOutbox.findMany({ where: { id: { in: c.submissions.map((s) => s.outboxId) } }, select: { id: true, status: true, sentAt: true } })
    : [];
  const mailOf = new Map(outbox.map((m) => [m.id, m]));
  const key = c.authKeys[0] ?? null;
  const rule = c.orderer.deliveryRule;

  let sendBlockedReason: string | null = null;
  if (c.status === "CANCELLED") sendBlockedReason = "この保証は解約されています。";
  else if (!key) sendBlockedReason = "現在有効な認証キーがありません。";
  else if (rule && rule.keySubmissionMethod !== "EMAIL") sendBlockedReason = `${c.orderer.name}は電子メールでの提出を受け付けていません。提出方法をご確認ください。`;
  else if (c.orderer.departments.length === 0) sendBlockedReason = "送信先の担当課が登録されていません。保証会社へお問い合わせください。";

  return {
    contractId: c.id,
    contractNumber: c.contractNumber,
    ordererName: c.orderer.name,
    defaultDepartmentId: c.departmentId,
    departments: c.orderer.departments,
    keySubmissionMethod: rule?.keySubmissionMethod ?? null,
    keySubmissionNote: rule?.keySubmissionNote ?? null,
    cancelled: c.status === "CANCELLED",
    authKeyIssuedAt: key?.issuedAt ?? null,
    sendBlockedReason,
    submissions: c.submissions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      departmentName: s.department.name,
      toAddress: s.toAddress,
      subject: s.subject,
      mailStatus: mailOf.get(s.outboxId)?.status ?? null,
      mailSentAt: mailOf.get(s.outboxId)?.sentAt ?? null,
      carriedCurrentKey: key !== null && s.keyVersionId === key.id,
    })),
  };
}
