import "server-only";
import { db as appDb, type Db, type Tx } from "@/lib/db";
import { certificateStatusOf, type CertificateStatus } from "@/lib/certificate/certificate-status";
import { toIsoDate } from "@/lib/dates";
import type { ChangeContext } from "./change-context";
import { PENDING_CHANGE_STATUSES, type ChangeStatus } from "./codes";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type LoadedChangeContext = {
  context: ChangeContext;
  companyId: string;
  deliveryMethod: "ELECTRONIC" | "PAPER";
  currentVersion: number;
  /** 有効 / 解約 / 保証期間満了 today. */
  lifecycleStatus: CertificateStatus;
  /** A change of this guarantee still being handled (one at a time). */
  pendingChangeId: string | null;
};

export const CHANGE_CONTEXT_SELECT = {
  id: true,
  contractNumber: true,
  companyId: true,
  guaranteeType: true,
  deliveryMethod: true,
  status: true,
  workName: true,
  contractDate: true,
  workPeriodFrom: true,
  workPeriodTo: true,
  contractAmount: true,
  guaranteeAmount: true,
  periodFrom: true,
  periodTo: true,
  fee: true,
  currentVersion: true,
  company: { select: { name: true, address: true } },
  application: {
    select: {
      workCategory: true,
      lowBidInvestigation: true,
      advanceAmount: true,
      baseContract: { select: { guaranteeType: true, guaranteeAmount: true } },
    },
  },
  changeRequests: {
    where: { status: { in: [...PENDING_CHANGE_STATUSES] as ChangeStatus[] } },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { id: true },
  },
} as const;

type Row = {
  id: string;
  contractNumber: string;
  companyId: string;
  guaranteeType: ChangeContext["guaranteeType"];
  deliveryMethod: "ELECTRONIC" | "PAPER";
  status: "ACTIVE" | "CANCELLED";
  workName: string;
  contractDate: Date | null;
  workPeriodFrom: Date | null;
  workPeriodTo: Date | null;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  periodFrom: Date;
  periodTo: Date;
  fee: bigint;
  currentVersion: number;
  company: { name: string; address: string };
  application: {
    workCategory: ChangeContext["workCategory"] | null;
    lowBidInvestigation: boolean;
    advanceAmount: bigint | null;
    baseContract: { guaranteeType: string; guaranteeAmount: bigint } | null;
  };
  changeRequests: { id: string }[];
};

export function toChangeContext(row: Row, now = new Date()): LoadedChangeContext {
  const base = row.application.baseContract;
  const advance = base?.guaranteeType === "ADVANCE_PAYMENT" ? base.guaranteeAmount : row.application.advanceAmount;
  return {
    context: {
      contractId: row.id,
      contractNumber: row.contractNumber,
      guaranteeType: row.guaranteeType,
      workName: row.workName,
      workCategory: row.application.workCategory ?? "CONSTRUCTION",
      lowBidInvestigation: row.application.lowBidInvestigation,
      contractAmount: Number(row.contractAmount),
      guaranteeAmount: Number(row.guaranteeAmount),
      advanceAmount: row.guaranteeType === "INTERMEDIATE_ADVANCE" && advance !== null ? Number(advance) : null,
      contractDate: row.contractDate ? toIsoDate(row.contractDate) : null,
      workPeriodFrom: row.workPeriodFrom ? toIsoDate(row.workPeriodFrom) : null,
      workPeriodTo: row.workPeriodTo ? toIsoDate(row.workPeriodTo) : null,
      periodFrom: toIsoDate(row.periodFrom),
      periodTo: toIsoDate(row.periodTo),
      companyName: row.company.name,
      address: row.company.address,
      fee: Number(row.fee),
    },
    companyId: row.companyId,
    deliveryMethod: row.deliveryMethod,
    currentVersion: row.currentVersion,
    lifecycleStatus: certificateStatusOf({ contractStatus: row.status, periodTo: row.periodTo, now }),
    pendingChangeId: row.changeRequests[0]?.id ?? null,
  };
}

/**
 * A concluded guarantee of the company, as the change form and its rules see it; null for a number that does not
 * exist or belongs to another company (the caller answers 404 for both alike).
 */
export async function loadChangeContext({
  companyId,
  contractNumber,
  contractId,
  client = appDb,
  now = new Date(),
}: {
  companyId: string;
  contractNumber?: string;
  contractId?: string;
  client?: Db | Tx;
  now?: Date;
}): Promise<LoadedChangeContext | null> {
  if (!contractNumber && !contractId) return null;
  if (contractId && !UUID.test(contractId)) return null;
  const row = await client.guaranteeContract.findFirst({
    where: { companyId, ...(contractId ? { id: contractId } : { contractNumber }) },
    select: CHANGE_CONTEXT_SELECT,
  });
  return row ? toChangeContext(row, now) : null;
}
