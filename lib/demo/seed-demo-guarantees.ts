/**
 * Demo guarantees for development (DOMAIN.md §10), made through the REAL domain functions so every screen has
 * something true to show: for demo-kensetsu, a concluded 前払金保証 with 契約保証 (menus 2, 3 and 5 can pick it), one
 * application waiting for review, one returned (差戻し), and one guarantee whose 増額 was approved (第2版).
 *
 * Idempotent: each item is recognised by its 工事名 (「【デモ】…」) and made only when missing. Dates are relative to
 * today, so the guarantees are 有効 whenever the demo is started. The domain functions write through the app's own
 * client (lib/db, on DATABASE_URL), so DATABASE_URL must name the same database as `db`.
 *
 * Relative imports: the seed runs outside Next.js (tsx with --conditions=react-server).
 */
import type { PrismaClient } from "../generated/prisma/client";
import { approveChangeRequest } from "../change/approve-change-request";
import { completeChangeReview } from "../change/complete-change-review";
import { submitChangeRequest } from "../change/submit-change-request";
import { concludeContract } from "../contract/conclude-contract";
import { drainCertificateRegistrations } from "../certificate/drain-certificate-registrations";
import { todayJst } from "../dates";
import { saveApplicationDraft } from "../guarantee-application/save-application-draft";
import { ZApplicationDraftSchema } from "../guarantee-application/schemas";
import { submitApplication } from "../guarantee-application/submit-application";
import { completeReview } from "../review/complete-review";
import { returnApplication } from "../review/return-application";

export const DEMO_WORK_NAMES = {
  concluded: "【デモ】市道武岡線道路改良工事",
  waiting: "【デモ】甲突川護岸整備工事",
  returned: "【デモ】鴨池公園トイレ改修工事",
  increased: "【デモ】吉野地区舗装補修工事",
} as const;

export type SeedDemoGuaranteesResult = { created: (keyof typeof DEMO_WORK_NAMES)[] };

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function seedDemoGuarantees(db: PrismaClient): Promise<SeedDemoGuaranteesResult> {
  if (!process.env.DATABASE_URL) {
    throw new Error("seedDemoGuarantees: DATABASE_URL must be set to the database being seeded (the domain functions write through lib/db)");
  }
  const user = await db.contractorUser.findUnique({ where: { customerId: "demo-kensetsu" }, select: { id: true, companyId: true, customerId: true } });
  const reviewer = await db.staffUser.findUnique({ where: { staffId: "staff-tanto" }, select: { id: true } });
  const approver = await db.staffUser.findUnique({ where: { staffId: "staff-shonin" }, select: { id: true } });
  const orderer = await db.orderer.findUnique({
    where: { code: "kagoshima-city" },
    select: { id: true, departments: { select: { id: true, name: true } } },
  });
  if (!user || !reviewer || !approver || !orderer) throw new Error("seedDemoGuarantees: run the base seed first (demo accounts and 鹿児島市)");
  const dept = (name: string) => orderer.departments.find((d) => d.name === name)?.id ?? orderer.departments[0]!.id;
  const contractor = { companyId: user.companyId, userId: user.id, loginId: user.customerId };

  const today = todayJst();
  const bidDate = addDays(today, -40) < "2024-12-01" ? "2024-12-01" : addDays(today, -40);
  const contractDate = addDays(bidDate, 5);
  const periodFrom = addDays(contractDate, 1);
  const periodTo = addDays(today, 330);

  const exists = async (workName: string) =>
    (await db.guaranteeApplication.count({ where: { companyId: user.companyId, workName } })) > 0;

  /** 一時保存 → 申込む, as the contractor's form does. */
  const apply = async (o: {
    workName: string;
    workLocation: string;
    departmentName: string;
    contractAmount: number;
    advanceAmount: number;
    contractGuaranteeAmount?: number;
  }) => {
    const draft = ZApplicationDraftSchema.parse({
      menu: "ADVANCE",
      withContractGuarantee: o.contractGuaranteeAmount ? "on" : undefined,
      ordererId: orderer.id,
      departmentId: dept(o.departmentName),
      workName: o.workName,
      workLocation: o.workLocation,
      workCategory: "CONSTRUCTION",
      bidDate,
      contractDate,
      periodFrom,
      periodTo,
      contractAmount: String(o.contractAmount),
      advanceAmount: String(o.advanceAmount),
      contractGuaranteeAmount: o.contractGuaranteeAmount ? String(o.contractGuaranteeAmount) : undefined,
      deliveryMethod: "ELECTRONIC",
      notes: "デモデータ（開発用）",
    });
    const saved = await saveApplicationDraft({ ...contractor, draft });
    await submitApplication({ ...contractor, applicationId: saved.id, lockVersion: saved.lockVersion });
    return saved.id;
  };

  const created: SeedDemoGuaranteesResult["created"] = [];

  if (!(await exists(DEMO_WORK_NAMES.concluded))) {
    const id = await apply({
      workName: DEMO_WORK_NAMES.concluded,
      workLocation: "鹿児島市武岡一丁目地内",
      departmentName: "建設局 道路部 道路建設課",
      contractAmount: 123_400_000,
      advanceAmount: 49_360_000,
      contractGuaranteeAmount: 12_340_000,
    });
    await completeReview({ applicationId: id, reviewerId: reviewer.id });
    await concludeContract({ applicationId: id, approverId: approver.id });
    created.push("concluded");
  }

  if (!(await exists(DEMO_WORK_NAMES.waiting))) {
    await apply({
      workName: DEMO_WORK_NAMES.waiting,
      workLocation: "鹿児島市新屋敷町地内",
      departmentName: "建設局 建築部 建築課",
      contractAmount: 58_000_000,
      advanceAmount: 23_200_000,
    });
    created.push("waiting");
  }

  if (!(await exists(DEMO_WORK_NAMES.returned))) {
    const id = await apply({
      workName: DEMO_WORK_NAMES.returned,
      workLocation: "鹿児島市鴨池二丁目地内",
      departmentName: "建設局 建築部 建築課",
      contractAmount: 21_500_000,
      advanceAmount: 8_600_000,
    });
    await returnApplication({
      applicationId: id,
      staffId: reviewer.id,
      reason: "工期（至）が契約書の写しと一致しません。契約書をご確認のうえ、修正して再度お申し込みください。",
    });
    created.push("returned");
  }

  if (!(await exists(DEMO_WORK_NAMES.increased))) {
    const id = await apply({
      workName: DEMO_WORK_NAMES.increased,
      workLocation: "鹿児島市吉野町地内",
      departmentName: "建設局 道路部 道路建設課",
      contractAmount: 80_000_000,
      advanceAmount: 32_000_000,
    });
    await completeReview({ applicationId: id, reviewerId: reviewer.id });
    const concluded = await concludeContract({ applicationId: id, approverId: approver.id });
    const contract = concluded.contracts.find((c) => c.guaranteeType === "ADVANCE_PAYMENT")!;
    const change = await submitChangeRequest({
      ...contractor,
      contractNumber: contract.contractNumber,
      input: {
        kind: "INCREASE",
        newContractAmount: 95_000_000,
        newGuaranteeAmount: 38_000_000,
        newPeriodTo: null,
        newCompanyName: null,
        newAddress: null,
        changeContractDate: today < contractDate ? contractDate : today,
        reason: "舗装範囲の追加（設計変更）による請負代金額の増額",
        requestToken: null,
      },
    });
    await completeChangeReview({ changeRequestId: change.id, reviewerId: reviewer.id });
    await approveChangeRequest({ changeRequestId: change.id, approverId: approver.id });
    created.push("increased");
  }

  // The app's dispatcher would register them within seconds; the seed leaves D-Sure showing them already.
  await drainCertificateRegistrations({ db });
  return { created };
}
