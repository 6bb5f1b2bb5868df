import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { certificateStatusOf, type CertificateStatus } from "@/lib/certificate/certificate-status";
import type { GuaranteeType } from "@/lib/generated/prisma/enums";
import { PENDING_CHANGE_STATUSES, type ChangeStatus } from "./codes";

export type ChangeableContract = {
  contractNumber: string;
  guaranteeType: GuaranteeType;
  workName: string;
  ordererName: string;
  guaranteeAmount: bigint;
  periodTo: Date;
  currentVersion: number;
  lifecycleStatus: CertificateStatus;
  /** a change of it still in hand: it cannot take another until that one is done */
  pendingChangeId: string | null;
  /** 有効 and nothing in hand */
  changeable: boolean;
};

/** The company's concluded guarantees for menu 5 (保証契約締結後の変更), newest first, with whether each can change now. */
export async function listChangeableContracts({
  companyId,
  db = appDb,
  now = new Date(),
}: {
  companyId: string;
  db?: Db;
  now?: Date;
}): Promise<ChangeableContract[]> {
  const rows = await db.guaranteeContract.findMany({
    where: { companyId, versions: { some: {} } },
    orderBy: [{ concludedAt: "desc" }, { contractNumber: "desc" }],
    take: 500,
    select: {
      contractNumber: true,
      guaranteeType: true,
      workName: true,
      guaranteeAmount: true,
      periodTo: true,
      currentVersion: true,
      status: true,
      orderer: { select: { name: true } },
      changeRequests: {
        where: { status: { in: [...PENDING_CHANGE_STATUSES] as ChangeStatus[] } },
        take: 1,
        select: { id: true },
      },
    },
  });
  return rows.map((r) => {
    const lifecycleStatus = certificateStatusOf({ contractStatus: r.status, periodTo: r.periodTo, now });
    const pendingChangeId = r.changeRequests[0]?.id ?? null;
    return {
      contractNumber: r.contractNumber,
      guaranteeType: r.guaranteeType,
      workName: r.workName,
      ordererName: r.orderer.name,
      guaranteeAmount: r.guaranteeAmount,
      periodTo: r.periodTo,
      currentVersion: r.currentVersion,
      lifecycleStatus,
      pendingChangeId,
      changeable: lifecycleStatus === "VALID" && pendingChangeId === null,
    };
  });
}
