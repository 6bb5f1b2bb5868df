import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import type { ChangeKind, ChangeStatus, GuaranteeType } from "@/lib/generated/prisma/enums";

export type StaffChangeQueueItem = {
  id: string;
  contractNumber: string;
  guaranteeType: GuaranteeType;
  workName: string;
  companyName: string;
  kind: ChangeKind;
  status: ChangeStatus;
  submittedAt: Date;
  reviewedBy: string | null;
};

export const STAFF_CHANGE_FILTERS = {
  open: ["SUBMITTED", "REVIEWED"],
  submitted: ["SUBMITTED"],
  reviewed: ["REVIEWED"],
  returned: ["RETURNED"],
  approved: ["APPROVED"],
  all: ["SUBMITTED", "REVIEWED", "RETURNED", "APPROVED", "WITHDRAWN"],
} as const satisfies Record<string, readonly ChangeStatus[]>;
export type StaffChangeFilter = keyof typeof STAFF_CHANGE_FILTERS;

/** The back office's queue of changes after conclusion: oldest submitted first for work in hand, newest first otherwise. */
export async function listChangeRequestsForStaff({
  filter = "open",
  db = appDb,
  take = 200,
}: {
  filter?: StaffChangeFilter;
  db?: Db;
  take?: number;
}): Promise<StaffChangeQueueItem[]> {
  const statuses = [...STAFF_CHANGE_FILTERS[filter]] as ChangeStatus[];
  const inHand = filter === "open" || filter === "submitted" || filter === "reviewed";
  const rows = await db.changeRequest.findMany({
    where: { status: { in: statuses } },
    orderBy: [{ submittedAt: inHand ? "asc" : "desc" }],
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      submittedAt: true,
      reviewedBy: { select: { name: true } },
      company: { select: { name: true } },
      contract: { select: { contractNumber: true, guaranteeType: true, workName: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    contractNumber: r.contract.contractNumber,
    guaranteeType: r.contract.guaranteeType,
    workName: r.contract.workName,
    companyName: r.company.name,
    kind: r.kind,
    status: r.status,
    submittedAt: r.submittedAt,
    reviewedBy: r.reviewedBy?.name ?? null,
  }));
}
