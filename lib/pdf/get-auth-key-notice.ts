import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { authKeyKeys, env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { formatWareki } from "@/lib/dates";
import { formatYen } from "@/lib/money";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { formatAuthKey } from "@/lib/auth-key/format-auth-key";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import type { AuthKeyNoticeData } from "./render-auth-key-notice";

const DEFAULT_SUBMISSION_NOTE =
  "本書（認証キー等のお知らせ）を発注者へご提出ください。提出方法は発注者の担当課にご確認ください。";

/** D-Sure with the number filled in — what the notice's QR code opens. Never carries the key. */
export function dsureUrlsFor(contractNumber: string, baseUrl = env().PUBLIC_BASE_URL) {
  const base = baseUrl.replace(/\/+$/, "");
  return { dsureUrl: `${base}/dsure`, dsureQrUrl: `${base}/dsure?no=${encodeURIComponent(contractNumber)}` };
}

/**
 * Gathers 認証キー等のお知らせ for the company that owns the contract: decrypts the key in force and formats what the
 * PDF prints. Throws NOT_FOUND alike for a missing number, another company's contract, a paper certificate and a
 * contract without a key in force, so callers cannot tell them apart. The result holds the key: render it, never log it.
 */
export async function getAuthKeyNotice({
  contractNumber,
  companyId,
  db = appDb,
}: {
  contractNumber: string;
  companyId: string;
  db?: Db;
}): Promise<{ contractId: string; data: AuthKeyNoticeData }> {
  const parsed = parseContractNumber(contractNumber.slice(0, 64));
  if (!parsed.ok) throw new DomainError("NOT_FOUND");
  const contract = await db.guaranteeContract.findUnique({
    where: { contractNumber: parsed.value },
    select: {
      id: true,
      companyId: true,
      contractNumber: true,
      deliveryMethod: true,
      guaranteeType: true,
      guaranteeAmount: true,
      workName: true,
      currentVersion: true,
      company: { select: { name: true } },
      orderer: { select: { name: true, deliveryRule: { select: { keySubmissionNote: true } } } },
      department: { select: { name: true } },
      authKeys: { where: { revokedAt: null }, orderBy: { issuedAt: "desc" }, take: 1, select: { ciphertext: true, issuedAt: true } },
    },
  });
  const key = contract?.authKeys[0];
  if (!contract || contract.companyId !== companyId || contract.deliveryMethod !== "ELECTRONIC" || !key) {
    throw new DomainError("NOT_FOUND");
  }

  const e = env();
  const { encryptionKey } = authKeyKeys();
  return {
    contractId: contract.id,
    data: {
      companyName: contract.company.name,
      // Dated by the key's issue, so downloading again gives the same document.
      issuedOn: formatWareki(key.issuedAt),
      issuedAt: key.issuedAt,
      contractNumber: contract.contractNumber,
      authKey: formatAuthKey(decryptAuthKey(key.ciphertext, encryptionKey)),
      ordererName: contract.orderer.name,
      departmentName: contract.department.name,
      workName: contract.workName,
      guaranteeTypeLabel: GUARANTEE_TYPE_LABELS[contract.guaranteeType],
      guaranteeAmount: formatYen(contract.guaranteeAmount),
      version: contract.currentVersion,
      ...dsureUrlsFor(contract.contractNumber, e.PUBLIC_BASE_URL),
      submissionNote: contract.orderer.deliveryRule?.keySubmissionNote || DEFAULT_SUBMISSION_NOTE,
      suretyName: e.SURETY_NAME,
    },
  };
}
