import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { toIsoDate } from "@/lib/dates";
import type { GuaranteeType } from "@/lib/generated/prisma/enums";
import { certificateStatusOf, type CertificateStatus } from "./certificate-status";
import { REGISTRATION_STATE_SELECT, registrationStateOf, type RegistrationState } from "./registration-state";

export type ContractorCertificateListItem = {
  contractNumber: string;
  guaranteeType: GuaranteeType;
  ordererName: string;
  departmentName: string;
  workName: string;
  guaranteeAmount: bigint;
  /** YYYY-MM-DD. */
  periodFrom: string;
  periodTo: string;
  currentVersion: number;
  status: CertificateStatus;
  /** D-Sure 登録状況. */
  registration: RegistrationState;
  concludedAt: Date;
};

/** 電子証書の確認: the company's concluded guarantees delivered electronically, newest first. */
export async function listContractorCertificates({
  companyId,
  db = appDb,
  now = new Date(),
}: {
  companyId: string;
  db?: Db;
  now?: Date;
}): Promise<ContractorCertificateListItem[]> {
  const rows = await db.guaranteeContract.findMany({
    where: { companyId, deliveryMethod: "ELECTRONIC", versions: { some: {} } },
    orderBy: [{ concludedAt: "desc" }, { contractNumber: "desc" }],
    select: {
      contractNumber: true,
      guaranteeType: true,
      workName: true,
      guaranteeAmount: true,
      periodFrom: true,
      periodTo: true,
      currentVersion: true,
      status: true,
      concludedAt: true,
      orderer: { select: { name: true } },
      department: { select: { name: true } },
      ...REGISTRATION_STATE_SELECT,
    },
  });
  return rows.map((r) => ({
    contractNumber: r.contractNumber,
    guaranteeType: r.guaranteeType,
    ordererName: r.orderer.name,
    departmentName: r.department.name,
    workName: r.workName,
    guaranteeAmount: r.guaranteeAmount,
    periodFrom: toIsoDate(r.periodFrom),
    periodTo: toIsoDate(r.periodTo),
    currentVersion: r.currentVersion,
    status: certificateStatusOf({ contractStatus: r.status, periodTo: r.periodTo, now }),
    registration: registrationStateOf(r.registrations),
    concludedAt: r.concludedAt,
  }));
}
