/** 審査: the queue, 審査完了 and 差戻し on a real database. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { completeReview } from "@/lib/review/complete-review";
import { getApplicationForReview } from "@/lib/review/get-application-for-review";
import { listApplications } from "@/lib/review/list-applications";
import { ZApplicationQueueFilterSchema } from "@/lib/review/queue-filter";
import { returnApplication } from "@/lib/review/return-application";
import { createSubmittedApplication, ensureSeeded, markReviewed, staffUserId } from "@/tests/support/admin-fixtures";

let reviewerId: string;
let approverId: string;
let adminId: string;

async function codeOf(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  return isDomainError(e) ? e.code : e;
}

beforeAll(async () => {
  await ensureSeeded(db);
  [reviewerId, approverId, adminId] = await Promise.all(["staff-tanto", "staff-shonin", "staff-admin"].map((s) => staffUserId(db, s)));
});

describe("completeReview (審査完了)", () => {
  it("moves a submitted application to REVIEWED with the reviewer, a history event and an audit row", async () => {
    const app = await createSubmittedApplication(db);
    expect(await completeReview({ applicationId: app.id, reviewerId })).toEqual({ alreadyReviewed: false });
    const row = await db.guaranteeApplication.findUniqueOrThrow({ where: { id: app.id }, include: { events: true } });
    expect(row).toMatchObject({ status: "REVIEWED", reviewedById: reviewerId });
    expect(row.reviewedAt).not.toBeNull();
    expect(row.events.map((e) => e.type)).toEqual(["SUBMITTED", "REVIEWED"]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "application.review", entityId: app.id } });
    expect(audit).toMatchObject({ actorId: reviewerId, actorLabel: "staff-tanto", before: { status: "SUBMITTED" } });
    // A second click by the same reviewer changes nothing.
    expect(await completeReview({ applicationId: app.id, reviewerId })).toEqual({ alreadyReviewed: true });
    expect(await db.auditLog.count({ where: { action: "application.review", entityId: app.id } })).toBe(1);
  });

  it("is for 審査担当 only", async () => {
    const app = await createSubmittedApplication(db);
    expect(await codeOf(completeReview({ applicationId: app.id, reviewerId: approverId }))).toBe("FORBIDDEN");
    expect(await codeOf(completeReview({ applicationId: app.id, reviewerId: adminId }))).toBe("FORBIDDEN");
  });

  it("refuses an application that could not be concluded (電子交付 not allowed), leaving it submitted", async () => {
    const app = await createSubmittedApplication(db, { bidDate: "2024-11-30" });
    expect(await codeOf(completeReview({ applicationId: app.id, reviewerId }))).toBe("NOT_ELIGIBLE_FOR_ELECTRONIC");
    expect((await db.guaranteeApplication.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("SUBMITTED");
  });
});

describe("returnApplication (差戻し)", () => {
  it("returns with the reason, queues 差戻しのお知らせ to the company and audits it — all together", async () => {
    const app = await createSubmittedApplication(db, { workName: "差戻しテスト工事" });
    await returnApplication({ applicationId: app.id, staffId: reviewerId, reason: "契約書の写しを添付してください。" });
    const row = await db.guaranteeApplication.findUniqueOrThrow({ where: { id: app.id }, include: { events: true } });
    expect(row).toMatchObject({ status: "RETURNED", returnReason: "契約書の写しを添付してください。", reviewedById: null });
    expect(row.events.at(-1)).toMatchObject({ type: "RETURNED", actorId: reviewerId, note: "契約書の写しを添付してください。" });
    const mail = await db.mailOutbox.findFirstOrThrow({ where: { template: "APPLICATION_RETURNED", text: { contains: "差戻しテスト工事" } } });
    expect(mail).toMatchObject({ toAddress: "info@sample-kensetsu.example.jp", subject: "差戻しのお知らせ" });
    expect(mail.text).toContain("契約書の写しを添付してください。");
    expect(await db.auditLog.count({ where: { action: "application.return", entityId: app.id } })).toBe(1);
  });

  it("lets an approver send back what waits for them, but not what is still under review", async () => {
    const submitted = await createSubmittedApplication(db);
    expect(await codeOf(returnApplication({ applicationId: submitted.id, staffId: approverId, reason: "確認" }))).toBe("INVALID_STATE");
    await markReviewed(db, { applicationId: submitted.id, reviewerId });
    await returnApplication({ applicationId: submitted.id, staffId: approverId, reason: "保証金額を確認してください" });
    expect((await db.guaranteeApplication.findUniqueOrThrow({ where: { id: submitted.id } })).status).toBe("RETURNED");
    expect(await codeOf(returnApplication({ applicationId: submitted.id, staffId: reviewerId, reason: "再度" }))).toBe("INVALID_STATE");
    expect(await codeOf(returnApplication({ applicationId: submitted.id, staffId: adminId, reason: "再度" }))).toBe("FORBIDDEN");
  });
});

describe("the queue and the detail", () => {
  it("lists what waits for staff oldest first, with the fee, and filters by status, menu, delivery method and orderer", async () => {
    const older = await createSubmittedApplication(db, { workName: "一覧テスト（古い）", submittedAt: new Date("2020-01-01T00:00:00Z") });
    const paper = await createSubmittedApplication(db, {
      workName: "一覧テスト（書面・中間）",
      menu: "INTERMEDIATE",
      deliveryMethod: "PAPER",
      ordererCode: "sample-town",
      intermediateAmount: 10_000_000,
      submittedAt: new Date("2020-01-02T00:00:00Z"),
    });
    const all = await listApplications({ filter: ZApplicationQueueFilterSchema.parse({}) });
    expect(all.rows.slice(0, 2).map((r) => r.id)).toEqual([older.id, paper.id]);
    expect(all.rows.every((r) => r.status === "SUBMITTED" || r.status === "REVIEWED")).toBe(true);
    expect(all.rows[0]).toMatchObject({ fee: 32_000, feeNote: "サンプル料率", blockers: [] });
    expect(all.rows[1]).toMatchObject({ fee: 6_500, feeNote: null });

    const ids = async (q: Record<string, string>) => (await listApplications({ filter: ZApplicationQueueFilterSchema.parse(q) })).rows.map((r) => r.id);
    expect(await ids({ menu: "INTERMEDIATE" })).toEqual([paper.id]);
    expect(await ids({ deliveryMethod: "PAPER" })).toEqual([paper.id]);
    const town = await db.orderer.findUniqueOrThrow({ where: { code: "sample-town" } });
    expect(await ids({ ordererId: town.id })).toEqual([paper.id]);
    expect(await ids({ status: "RETURNED" })).not.toContain(older.id);
    expect(await ids({ status: "nonsense", page: "-3" })).toContain(older.id); // unreadable filters are ignored
  });

  it("shows every field, the history with names, the eligibility and the fee plan; drafts are not found", async () => {
    const app = await createSubmittedApplication(db, { withContractGuarantee: true });
    await markReviewed(db, { applicationId: app.id, reviewerId });
    const data = (await getApplicationForReview({ applicationId: app.id }))!;
    expect(data.application.events.map((e) => [e.type, e.actorName])).toEqual([
      ["SUBMITTED", "薩摩 花子（demo-kensetsu）"],
      ["REVIEWED", "審査 一郎（staff-tanto）"],
    ]);
    expect(data.plan.eligibility).toEqual({ eligible: true });
    expect(data.plan.totalFee).toBe(37_000);
    expect(data.plan.guarantees.map((g) => g.fee.ok && g.fee.rateTable.name)).toEqual(["前払金保証料率 サンプル料率", "契約保証料率 サンプル料率"]);

    await db.guaranteeApplication.update({ where: { id: app.id }, data: { status: "DRAFT" } });
    expect(await getApplicationForReview({ applicationId: app.id })).toBeNull();
  });
});
