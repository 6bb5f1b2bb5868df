import "server-only";
import { db } from "@/lib/db";
import { planGuarantees } from "@/lib/contract/plan-guarantees";
import { todayJst } from "@/lib/dates";
import { loadRateTables } from "@/lib/rate-table/load-rate-tables";
import { APPLICATION_FOR_PLAN_SELECT } from "./application-for-plan-select";

/**
 * Everything the review screen shows about one application: every field, the company, the history with who did
 * what, the eligibility result and the fee plan (rate table and band) as of today, and any concluded contracts.
 * Drafts are the contractor's own: they are "not found" here. Only staff pages call it; they check the role first.
 */
export async function getApplicationForReview({ applicationId, now = new Date() }: { applicationId: string; now?: Date }) {
  const a = await db.guaranteeApplication.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      status: true,
      workLocation: true,
      lowBidInvestigation: true,
      notes: true,
      returnReason: true,
      submittedAt: true,
      reviewedAt: true,
      reviewedById: true,
      approvedById: true,
      concludedAt: true,
      createdAt: true,
      updatedAt: true,
      ...APPLICATION_FOR_PLAN_SELECT,
      company: { select: { name: true, representative: true, address: true, licenseNumber: true, email: true, phone: true } },
      createdBy: { select: { customerId: true, name: true, email: true } },
      department: { select: { name: true, email: true } },
      baseContract: { select: { contractNumber: true } },
      reviewedBy: { select: { staffId: true, name: true } },
      approvedBy: { select: { staffId: true, name: true } },
      events: { orderBy: { createdAt: "asc" }, select: { id: true, type: true, actorType: true, actorId: true, note: true, createdAt: true } },
      contracts: {
        orderBy: { contractNumber: "asc" },
        select: {
          id: true,
          contractNumber: true,
          guaranteeType: true,
          deliveryMethod: true,
          guaranteeAmount: true,
          fee: true,
          periodFrom: true,
          periodTo: true,
          currentVersion: true,
          status: true,
          concludedAt: true,
          rateTable: { select: { name: true } },
          authKeys: { where: { revokedAt: null }, select: { issuedAt: true } },
          tasks: { select: { id: true, kind: true, status: true } },
        },
      },
    },
  });
  if (!a || a.status === "DRAFT") return null;

  const staffIds = a.events.filter((e) => e.actorType === "STAFF" && e.actorId).map((e) => e.actorId!);
  const userIds = a.events.filter((e) => e.actorType === "CONTRACTOR" && e.actorId).map((e) => e.actorId!);
  const [staff, users, rateTables] = await Promise.all([
    staffIds.length ? db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, staffId: true, name: true } }) : [],
    userIds.length ? db.contractorUser.findMany({ where: { id: { in: userIds } }, select: { id: true, customerId: true, name: true } }) : [],
    loadRateTables(),
  ]);
  const actorName = new Map<string, string>([
    ...staff.map((s) => [s.id, `${s.name}（${s.staffId}）`] as const),
    ...users.map((u) => [u.id, `${u.name}（${u.customerId}）`] as const),
  ]);
  const events = a.events.map((e) => ({ ...e, actorName: e.actorId ? (actorName.get(e.actorId) ?? null) : null }));

  const onDate = todayJst(now);
  const plan = planGuarantees({ application: a, rule: a.orderer?.deliveryRule ?? null, rateTables, onDate });
  return { application: { ...a, events }, plan, planDate: onDate };
}

export type ApplicationForReview = NonNullable<Awaited<ReturnType<typeof getApplicationForReview>>>;
