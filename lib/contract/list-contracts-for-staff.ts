import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { certificateStatusOf, type CertificateStatus } from "@/lib/certificate/certificate-status";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import type { DeliveryMethod, GuaranteeType } from "@/lib/generated/prisma/enums";
import { normalizeCode, normalizeText } from "@/lib/normalize";

export type StaffContractListItem = {
  id: string;
  contractNumber: string;
  guaranteeType: GuaranteeType;
  deliveryMethod: DeliveryMethod;
  workName: string;
  companyName: string;
  ordererName: string;
  guaranteeAmount: bigint;
  periodTo: Date;
  currentVersion: number;
  concludedAt: Date;
  lifecycleStatus: CertificateStatus;
};

/**
 * 保証契約 for the back office (/admin/contracts), newest first: by 保証契約番号 (typed in any of the accepted
 * spellings) or by part of the 工事名 or 商号.
 */
export async function listContractsForStaff({
  q,
  db = appDb,
  take = 100,
  now = new Date(),
}: {
  q?: string;
  db?: Db;
  take?: number;
  now?: Date;
}): Promise<StaffContractListItem[]> {
  const query = normalizeText(q ?? "").slice(0, 100);
  // Names are stored as typed (older rows went through NFKC), so a search looks for both forms of what was typed.
  const code = normalizeCode(query);
  const number = query ? parseContractNumber(query) : null;
  const texts = [...new Set([query, code])];
  const where = !query
    ? {}
    : number?.ok
      ? { contractNumber: number.value }
      : {
          OR: [
            ...texts.flatMap((t) => [{ workName: { contains: t } }, { company: { name: { contains: t } } }]),
            { contractNumber: { startsWith: code } },
          ],
        };
  const rows = await db.guaranteeContract.findMany({
    where,
    orderBy: [{ concludedAt: "desc" }, { contractNumber: "desc" }],
    take,
    select: {
      id: true,
      contractNumber: true,
      guaranteeType: true,
      deliveryMethod: true,
      workName: true,
      guaranteeAmount: true,
      periodTo: true,
      currentVersion: true,
      concludedAt: true,
      status: true,
      company: { select: { name: true } },
      orderer: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    contractNumber: r.contractNumber,
    guaranteeType: r.guaranteeType,
    deliveryMethod: r.deliveryMethod,
    workName: r.workName,
    companyName: r.company.name,
    ordererName: r.orderer.name,
    guaranteeAmount: r.guaranteeAmount,
    periodTo: r.periodTo,
    currentVersion: r.currentVersion,
    concludedAt: r.concludedAt,
    lifecycleStatus: certificateStatusOf({ contractStatus: r.status, periodTo: r.periodTo, now }),
  }));
}
