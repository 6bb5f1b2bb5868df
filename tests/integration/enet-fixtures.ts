/** Fixtures for the e-Net保証 integration tests (the demo seed plus concluded guarantees to build on). */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { GuaranteeType } from "@/lib/generated/prisma/enums";
import type { TApplicationDraft } from "@/lib/guarantee-application/schemas";
import { seed } from "@/prisma/seed-lib";

export interface Demo {
  kensetsu: { companyId: string; userId: string; loginId: string; email: string };
  doboku: { companyId: string; userId: string; loginId: string; email: string };
  kagoshima: { id: string; departmentIds: string[] };
  sampleTown: { id: string; departmentId: string };
  approverId: string;
}

export async function seedDemo(db: PrismaClient): Promise<Demo> {
  await seed(db);
  const user = async (customerId: string) => {
    const u = await db.contractorUser.findUniqueOrThrow({
      where: { customerId },
      select: { id: true, companyId: true, customerId: true, company: { select: { email: true } } },
    });
    return { companyId: u.companyId, userId: u.id, loginId: u.customerId, email: u.company.email };
  };
  const kagoshima = await db.orderer.findUniqueOrThrow({
    where: { code: "kagoshima-city" },
    select: { id: true, departments: { select: { id: true }, orderBy: { name: "asc" } } },
  });
  const town = await db.orderer.findUniqueOrThrow({
    where: { code: "sample-town" },
    select: { id: true, departments: { select: { id: true } } },
  });
  const approver = await db.staffUser.findUniqueOrThrow({ where: { staffId: "staff-shonin" }, select: { id: true } });
  return {
    kensetsu: await user("demo-kensetsu"),
    doboku: await user("demo-doboku"),
    kagoshima: { id: kagoshima.id, departmentIds: kagoshima.departments.map((d) => d.id) },
    sampleTown: { id: town.id, departmentId: town.departments[0]!.id },
    approverId: approver.id,
  };
}

/** A complete menu-1 form for 鹿児島市, as ZApplicationDraftSchema gives it. */
export function menu1Draft(demo: Demo, overrides: Partial<TApplicationDraft> = {}): TApplicationDraft {
  return {
    menu: "ADVANCE",
    withContractGuarantee: false,
    lowBidInvestigation: false,
    ordererId: demo.kagoshima.id,
    departmentId: demo.kagoshima.departmentIds[0],
    workName: "市道甲突線道路改良工事（その２）",
    workLocation: "鹿児島市山下町地内",
    workCategory: "CONSTRUCTION",
    bidDate: "2024-12-01",
    contractDate: "2024-12-10",
    periodFrom: "2024-12-11",
    periodTo: "2099-03-31", // far ahead: a 工期（至） that has passed cannot be submitted
    contractAmount: 10_000_000,
    advanceAmount: 4_000_000,
    deliveryMethod: "ELECTRONIC",
    ...overrides,
  };
}

let sequence = 1;

/** A concluded guarantee of `companyId` (with the concluded application behind it). */
export async function createConcludedContract(
  db: PrismaClient,
  demo: Demo,
  {
    owner,
    guaranteeType,
    guaranteeAmount = 4_000_000n,
    contractAmount = 10_000_000n,
  }: { owner: Demo["kensetsu"]; guaranteeType: GuaranteeType; guaranteeAmount?: bigint; contractAmount?: bigint },
) {
  const seq = sequence++;
  const application = await db.guaranteeApplication.create({
    data: {
      companyId: owner.companyId,
      createdById: owner.userId,
      menu: "ADVANCE",
      status: "CONCLUDED",
      withContractGuarantee: guaranteeType === "CONTRACT",
      deliveryMethod: "ELECTRONIC",
      ordererId: demo.kagoshima.id,
      departmentId: demo.kagoshima.departmentIds[1],
      workName: `既存工事${seq}`,
      workLocation: "鹿児島市東千石町地内",
      workCategory: "CONSTRUCTION",
      bidDate: new Date("2024-12-02T00:00:00Z"),
      contractDate: new Date("2024-12-12T00:00:00Z"),
      periodFrom: new Date("2024-12-13T00:00:00Z"),
      periodTo: new Date("2025-09-30T00:00:00Z"),
      contractAmount,
      advanceAmount: guaranteeType === "ADVANCE_PAYMENT" ? guaranteeAmount : null,
      contractGuaranteeAmount: guaranteeType === "CONTRACT" ? guaranteeAmount : null,
      submittedAt: new Date(),
      concludedAt: new Date(),
    },
  });
  return db.guaranteeContract.create({
    data: {
      contractNumber: `2024-${String(9_000_000 + seq).padStart(7, "0")}-0`,
      fiscalYear: 2024,
      sequence: 9_000_000 + seq,
      applicationId: application.id,
      companyId: owner.companyId,
      guaranteeType,
      deliveryMethod: "ELECTRONIC",
      ordererId: demo.kagoshima.id,
      departmentId: demo.kagoshima.departmentIds[1]!,
      workName: application.workName!,
      contractAmount,
      guaranteeAmount,
      periodFrom: new Date("2024-12-13T00:00:00Z"),
      periodTo: new Date("2025-10-31T00:00:00Z"),
      fee: 4_000n,
      concludedAt: new Date(),
      approvedById: demo.approverId,
    },
  });
}
