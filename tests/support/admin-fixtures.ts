/**
 * Test fixtures for the back office: submitted applications written straight with Prisma (every field set, status
 * SUBMITTED, with the 提出 history event), so review and conclusion can be tested without the contractor portal.
 * Relative imports only: the e2e fixture runner loads this file outside the `@/` alias.
 */
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { ApplicationMenu, DeliveryMethod, StaffRole, WorkCategory } from "../../lib/generated/prisma/enums";
import { hashPassword } from "../../lib/auth/password";
import { DEMO_PASSWORD, seed } from "../../prisma/seed-lib";

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

export type SubmittedApplicationOptions = {
  customerId?: string;
  menu?: ApplicationMenu;
  withContractGuarantee?: boolean;
  deliveryMethod?: DeliveryMethod;
  ordererCode?: string;
  departmentName?: string;
  workName?: string;
  workLocation?: string;
  workCategory?: WorkCategory;
  bidDate?: string;
  contractDate?: string | null;
  periodFrom?: string;
  periodTo?: string;
  contractAmount?: number;
  advanceAmount?: number;
  intermediateAmount?: number;
  contractGuaranteeAmount?: number;
  submittedAt?: Date;
};

/** Runs the demo seed unless it already ran (the seed is idempotent, but hashing the demo password is slow). */
export async function ensureSeeded(db: PrismaClient): Promise<void> {
  if ((await db.staffUser.count({ where: { staffId: "staff-shonin" } })) === 0) await seed(db);
}

/** The database id of a staff account, by 職員ID. */
export async function staffUserId(db: PrismaClient, staffId: string): Promise<string> {
  return (await db.staffUser.findUniqueOrThrow({ where: { staffId }, select: { id: true } })).id;
}

/** One more staff account (password: the demo password unless given). */
export async function createStaffAccount(
  db: PrismaClient,
  { staffId, role, name = staffId, password = DEMO_PASSWORD }: { staffId: string; role: StaffRole; name?: string; password?: string },
): Promise<string> {
  const row = await db.staffUser.create({
    data: { staffId, role, name, email: `${staffId}@surety.example.jp`, passwordHash: await hashPassword(password) },
    select: { id: true },
  });
  return row.id;
}

/**
 * A submitted application of 鹿児島市 (eligible for 電子交付): menu 1 前払金保証 by default, ¥100,000,000 contract,
 * ¥40,000,000 advance, ¥10,000,000 contract guarantee, ¥20,000,000 intermediate advance.
 */
export async function createSubmittedApplication(db: PrismaClient, o: SubmittedApplicationOptions = {}): Promise<{ id: string; companyId: string }> {
  await ensureSeeded(db);
  const user = await db.contractorUser.findUniqueOrThrow({
    where: { customerId: o.customerId ?? "demo-kensetsu" },
    select: { id: true, companyId: true },
  });
  const orderer = await db.orderer.findUniqueOrThrow({
    where: { code: o.ordererCode ?? "kagoshima-city" },
    select: { id: true, departments: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
  });
  const department = o.departmentName ? orderer.departments.find((d) => d.name === o.departmentName) : orderer.departments[0];
  if (!department) throw new Error(`no department ${o.departmentName}`);
  const menu = o.menu ?? "ADVANCE";
  const submittedAt = o.submittedAt ?? new Date();
  const app = await db.guaranteeApplication.create({
    data: {
      companyId: user.companyId,
      createdById: user.id,
      menu,
      status: "SUBMITTED",
      withContractGuarantee: menu === "ADVANCE" ? (o.withContractGuarantee ?? false) : false,
      deliveryMethod: o.deliveryMethod ?? "ELECTRONIC",
      ordererId: orderer.id,
      departmentId: department.id,
      workName: o.workName ?? "市道武岡線道路改良工事",
      workLocation: o.workLocation ?? "鹿児島市武岡一丁目地内",
      workCategory: o.workCategory ?? "CONSTRUCTION",
      bidDate: date(o.bidDate ?? "2025-01-15"),
      contractDate: o.contractDate === null ? null : date(o.contractDate ?? "2025-01-20"),
      periodFrom: date(o.periodFrom ?? "2025-01-21"),
      periodTo: date(o.periodTo ?? "2099-03-19"), // far ahead: a 工期（至） that has passed cannot be concluded
      contractAmount: BigInt(o.contractAmount ?? 100_000_000),
      advanceAmount: menu === "INTERMEDIATE" ? null : BigInt(o.advanceAmount ?? 40_000_000),
      intermediateAmount: menu === "INTERMEDIATE" ? BigInt(o.intermediateAmount ?? 20_000_000) : null,
      contractGuaranteeAmount: menu === "ADVANCE" && o.withContractGuarantee ? BigInt(o.contractGuaranteeAmount ?? 10_000_000) : null,
      notes: "特になし",
      submittedAt,
      events: { create: { type: "SUBMITTED", actorType: "CONTRACTOR", actorId: user.id, createdAt: submittedAt } },
    },
    select: { id: true, companyId: true },
  });
  return app;
}

/** Marks an application 審査完了 by `reviewerId` directly (what completeReview does, without its checks). */
export async function markReviewed(db: PrismaClient, { applicationId, reviewerId }: { applicationId: string; reviewerId: string }): Promise<void> {
  const reviewedAt = new Date();
  await db.guaranteeApplication.update({
    where: { id: applicationId },
    data: {
      status: "REVIEWED",
      reviewedById: reviewerId,
      reviewedAt,
      events: { create: { type: "REVIEWED", actorType: "STAFF", actorId: reviewerId, createdAt: reviewedAt } },
    },
  });
}
