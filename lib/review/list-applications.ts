import "server-only";
import { db } from "@/lib/db";
import { planGuarantees, type GuaranteePlan } from "@/lib/contract/plan-guarantees";
import { todayJst } from "@/lib/dates";
import type { ApplicationMenu, ApplicationStatus, DeliveryMethod } from "@/lib/generated/prisma/enums";
import { loadRateTables, type LoadedRateTable } from "@/lib/rate-table/load-rate-tables";
import { APPLICATION_FOR_PLAN_SELECT } from "./application-for-plan-select";
import type { TApplicationQueueFilter } from "./queue-filter";

export const QUEUE_PAGE_SIZE = 50;

/** The statuses the queue shows when no status filter is chosen: what is waiting for staff. */
export const QUEUE_DEFAULT_STATUSES: ApplicationStatus[] = ["SUBMITTED", "REVIEWED"];

export type QueueRow = {
  id: string;
  status: ApplicationStatus;
  menu: ApplicationMenu;
  withContractGuarantee: boolean;
  deliveryMethod: DeliveryMethod | null;
  companyName: string;
  ordererName: string | null;
  departmentName: string | null;
  workName: string | null;
  submittedAt: Date | null;
  /** the fee as it would be concluded today, or the stored fees of concluded contracts */
  fee: number | null;
  feeNote: string | null;
  blockers: string[];
  contractNumbers: string[];
};

/**
 * The review queue: submitted applications oldest first (by 提出日時), filtered by status, orderer, menu and
 * delivery method, each with its computed 保証料. Only staff pages call it; they check the role first.
 */
export async function listApplications({
  filter,
  now = new Date(),
}: {
  filter: TApplicationQueueFilter;
  now?: Date;
}): Promise<{ rows: QueueRow[]; total: number; page: number; pageCount: number }> {
  const where = {
    status: filter.status ? filter.status : { in: QUEUE_DEFAULT_STATUSES },
    ...(filter.ordererId ? { ordererId: filter.ordererId } : {}),
    ...(filter.menu ? { menu: filter.menu } : {}),
    ...(filter.deliveryMethod ? { deliveryMethod: filter.deliveryMethod } : {}),
  };
  const [total, apps, rateTables] = await Promise.all([
    db.guaranteeApplication.count({ where }),
    db.guaranteeApplication.findMany({
      where,
      orderBy: [{ submittedAt: "asc" }, { createdAt: "asc" }],
      skip: (filter.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        status: true,
        submittedAt: true,
        company: { select: { name: true } },
        department: { select: { name: true } },
        contracts: { orderBy: { contractNumber: "asc" }, select: { contractNumber: true, fee: true } },
        ...APPLICATION_FOR_PLAN_SELECT,
      },
    }),
    loadRateTables(),
  ]);
  const onDate = todayJst(now);
  const rows = apps.map((a): QueueRow => {
    const base = {
      id: a.id,
      status: a.status,
      menu: a.menu,
      withContractGuarantee: a.withContractGuarantee,
      deliveryMethod: a.deliveryMethod,
      companyName: a.company.name,
      ordererName: a.orderer?.name ?? null,
      departmentName: a.department?.name ?? null,
      workName: a.workName,
      submittedAt: a.submittedAt,
      contractNumbers: a.contracts.map((c) => c.contractNumber),
    };
    if (a.contracts.length > 0) {
      return { ...base, fee: a.contracts.reduce((s, c) => s + Number(c.fee), 0), feeNote: "締結時", blockers: [] };
    }
    const plan: GuaranteePlan<LoadedRateTable> = planGuarantees({
      application: a,
      rule: a.orderer?.deliveryRule ?? null,
      rateTables,
      onDate,
    });
    const sample = plan.guarantees.some((g) => g.fee.ok && g.fee.rateTable.isSample);
    return { ...base, fee: plan.totalFee, feeNote: sample ? "サンプル料率" : null, blockers: plan.blockers.map((b) => b.message) };
  });
  return { rows, total, page: filter.page, pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}
