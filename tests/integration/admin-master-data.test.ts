/** Master data kept by ADMIN staff: staff accounts, rate tables, orderers; the print task; the audit trail of all. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateStaff } from "@/lib/auth/authenticate";
import { listAuditLog, ZAuditLogFilterSchema } from "@/lib/audit/list-audit-log";
import { completeStaffTask } from "@/lib/contract/complete-staff-task";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { todayJst } from "@/lib/dates";
import { isDomainError } from "@/lib/errors";
import { ZSaveDeliveryRuleSchema, ZSaveDepartmentSchema, ZSaveOrdererSchema } from "@/lib/orderer/orderer-master-schemas";
import { saveElectronicDeliveryRule } from "@/lib/orderer/save-electronic-delivery-rule";
import { saveOrderer } from "@/lib/orderer/save-orderer";
import { saveOrdererDepartment } from "@/lib/orderer/save-orderer-department";
import { createRateTableVersion } from "@/lib/rate-table/create-rate-table-version";
import { loadRateTables } from "@/lib/rate-table/load-rate-tables";
import { ZCreateRateTableSchema } from "@/lib/rate-table/schemas";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { ZCreateStaffUserSchema } from "@/lib/staff/schemas";
import { updateStaffUser } from "@/lib/staff/update-staff-user";
import { decideRoleGrant } from "@/lib/staff/decide-role-grant";
import { setPasswordWithToken } from "@/lib/registration/set-password-with-token";
import { createStaffAccount, createSubmittedApplication, ensureSeeded, markReviewed, staffUserId } from "@/tests/support/admin-fixtures";
import { startLinkMailbox, type LinkMailbox } from "@/tests/support/link-mailbox";

let adminId: string;
let reviewerId: string;
let approverId: string;

async function codeOf(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  return isDomainError(e) ? e.code : e;
}

beforeAll(async () => {
  await ensureSeeded(db);
  [adminId, reviewerId, approverId] = await Promise.all(["staff-admin", "staff-tanto", "staff-shonin"].map((s) => staffUserId(db, s)));
});

describe("staff accounts", () => {
  let mailbox: LinkMailbox;
  let kanriId: string;
  beforeAll(async () => {
    mailbox = await startLinkMailbox();
    kanriId = await staffUserId(db, "staff-kanri"); // the second システム管理者
  });
  afterAll(async () => {
    await mailbox?.stop();
  });

  it("registers a staff member who waits for a second ADMIN; approved, the member sets a password by the mailed link", async () => {
    const input = ZCreateStaffUserSchema.parse({ staffId: "ＳＴＡＦＦ-New", name: "新人 四郎", email: "new@surety.example.jp", role: "REVIEWER" });
    expect(input.staffId).toBe("staff-new");
    const { id, grantId } = await createStaffUser({ adminId, input });
    expect((await authenticateStaff("staff-new", "", "10.0.0.1")).ok).toBe(false);
    expect(await db.mailOutbox.count({ where: { toAddress: "new@surety.example.jp" } })).toBe(0); // nothing until approved
    expect(await codeOf(createStaffUser({ adminId, input }))).toBe("CONFLICT");
    expect(await codeOf(createStaffUser({ adminId: reviewerId, input: { ...input, staffId: "staff-other" } }))).toBe("FORBIDDEN");

    // The administrator who asked cannot approve; a 承認者 is no administrator.
    expect(await codeOf(decideRoleGrant({ adminId, grantId, approve: true }))).toBe("FORBIDDEN");
    expect(await codeOf(decideRoleGrant({ adminId: approverId, grantId, approve: true }))).toBe("FORBIDDEN");
    await decideRoleGrant({ adminId: kanriId, grantId, approve: true });
    expect(await codeOf(decideRoleGrant({ adminId: kanriId, grantId, approve: true }))).toBe("INVALID_STATE");

    const token = await mailbox.tokenMailedTo("new@surety.example.jp");
    const mail = mailbox.sink.messages.filter((m) => m.envelopeTo.includes("new@surety.example.jp")).at(-1)!;
    expect(mail.parsed.subject).toBe("職員ID登録のお知らせ");
    expect(await codeOf(setPasswordWithToken({ token, password: "initial-pass-2026", portal: "enet" }))).toBe("TOKEN_INVALID"); // not e-Net保証's
    expect(await setPasswordWithToken({ token, password: "initial-pass-2026", portal: "admin" })).toEqual({ loginId: "staff-new" });
    expect((await authenticateStaff("staff-new", "initial-pass-2026", "10.0.0.1")).ok).toBe(true);
    expect(await codeOf(setPasswordWithToken({ token, password: "another-pass-2026", portal: "admin" }))).toBe("TOKEN_INVALID");

    const audits = await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["staff.create", "staff.role_grant.approve", "staff.set_password"]);
    expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toMatch(/initial-pass|argon2|passwordHash/);
  });

  it("a rejected new member stays stopped and gets no link", async () => {
    const input = ZCreateStaffUserSchema.parse({ staffId: "staff-rejected", name: "却下 六郎", email: "rejected@surety.example.jp", role: "APPROVER" });
    const { id, grantId } = await createStaffUser({ adminId, input });
    await decideRoleGrant({ adminId: kanriId, grantId, approve: false });
    expect(await db.staffUser.findUniqueOrThrow({ where: { id } })).toMatchObject({ active: false, passwordHash: null });
    expect(await db.mailOutbox.count({ where: { toAddress: "rejected@surety.example.jp" } })).toBe(0);
  });

  it("a raise of a role waits for another ADMIN; a lowering and 利用停止 apply at once; never on the admin's own account", async () => {
    const target = await staffUserId(db, "staff-new");
    expect(await updateStaffUser({ adminId, id: target, change: { role: "APPROVER" } })).toEqual({ pending: true });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: target } })).role).toBe("REVIEWER");
    expect(await codeOf(updateStaffUser({ adminId: kanriId, id: target, change: { role: "ADMIN" } }))).toBe("INVALID_STATE"); // one at a time
    const grant = await db.staffRoleGrant.findFirstOrThrow({ where: { staffUserId: target, status: "PENDING" } });
    expect(await codeOf(decideRoleGrant({ adminId, grantId: grant.id, approve: true }))).toBe("FORBIDDEN"); // self-approval
    await decideRoleGrant({ adminId: kanriId, grantId: grant.id, approve: true });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: target } })).role).toBe("APPROVER");

    expect(await updateStaffUser({ adminId, id: target, change: { role: "REVIEWER" } })).toEqual({ pending: false });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: target } })).role).toBe("REVIEWER");
    await updateStaffUser({ adminId, id: target, change: { active: false } });
    expect((await authenticateStaff("staff-new", "initial-pass-2026", "10.0.0.2")).ok).toBe(false);
    const audits = await db.auditLog.findMany({ where: { entityId: target }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual([
      "staff.create",
      "staff.role_grant.approve",
      "staff.set_password",
      "staff.role_grant.request",
      "staff.role_grant.approve",
      "staff.change-role",
      "staff.deactivate",
    ]);
    expect(await codeOf(updateStaffUser({ adminId, id: adminId, change: { role: "REVIEWER" } }))).toBe("FORBIDDEN");
  });

  it("two admins demoting each other at the same moment: one wins, one admin is always left", async () => {
    await db.staffUser.update({ where: { id: kanriId }, data: { active: false } }); // two admins only, for this test
    const secondId = await createStaffAccount(db, { staffId: "staff-admin-2", role: "ADMIN" });
    const results = await Promise.allSettled([
      updateStaffUser({ adminId, id: secondId, change: { role: "APPROVER" } }),
      updateStaffUser({ adminId: secondId, id: adminId, change: { role: "APPROVER" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isDomainError(loser.reason, "FORBIDDEN")).toBe(true);
    expect(await db.staffUser.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    // Put the demo admins back for the tests below.
    await db.staffUser.update({ where: { id: adminId }, data: { role: "ADMIN" } });
    await db.staffUser.update({ where: { id: kanriId }, data: { active: true } });
    await db.staffUser.update({ where: { id: secondId }, data: { role: "APPROVER", active: false } });
  });
});

describe("rate tables", () => {
  const form = (effectiveFrom: string, bands = [{ upTo: "", rate: "0.07", fixedFee: "" }]) =>
    ZCreateRateTableSchema.parse({
      guaranteeType: "CONTRACT",
      name: "契約保証料率（改定）",
      isSample: false,
      effectiveFrom,
      roundingUnit: "1",
      roundingMode: "FLOOR",
      minimumFee: "0",
      bands,
    });

  it("adds a version from today that the next conclusion uses, keeping the old one", async () => {
    const today = todayJst();
    const before = (await loadRateTables()).filter((t) => t.guaranteeType === "CONTRACT");
    const { id } = await createRateTableVersion({ adminId, input: form(today) });
    const after = (await loadRateTables()).filter((t) => t.guaranteeType === "CONTRACT");
    expect(after.map((t) => t.id)).toEqual([id, ...before.map((t) => t.id)]);
    expect(await db.auditLog.count({ where: { action: "rate-table.create", entityId: id } })).toBe(1);

    const app = await createSubmittedApplication(db, { withContractGuarantee: true, contractGuaranteeAmount: 10_000_000 });
    await markReviewed(db, { applicationId: app.id, reviewerId });
    const { contracts } = await concludeContract({ applicationId: app.id, approverId });
    const contract = await db.guaranteeContract.findUniqueOrThrow({ where: { id: contracts.find((c) => c.guaranteeType === "CONTRACT")!.id } });
    expect(contract).toMatchObject({ rateTableId: id, fee: 7_000n });
  });

  it("refuses a past date, a second version on the same day, bad bands and non-admins", async () => {
    expect(await codeOf(createRateTableVersion({ adminId, input: form("2020-04-01") }))).toBe("VALIDATION");
    expect(await codeOf(createRateTableVersion({ adminId, input: form(todayJst()) }))).toBe("CONFLICT");
    const bad = form("2099-04-01", [
      { upTo: "5000000", rate: "0.1", fixedFee: "" },
      { upTo: "1000000", rate: "0.1", fixedFee: "" },
    ]);
    expect(await codeOf(createRateTableVersion({ adminId, input: bad }))).toBe("VALIDATION");
    expect(await codeOf(createRateTableVersion({ adminId: approverId, input: form("2099-04-01") }))).toBe("FORBIDDEN");
  });
});

describe("orderers", () => {
  it("registers an orderer, its department and its 電子交付 rule, each audited with before and after", async () => {
    const { id } = await saveOrderer({ adminId, input: ZSaveOrdererSchema.parse({ code: "kirishima-city", name: "霧島市", active: true }) });
    await saveOrderer({ adminId, input: ZSaveOrdererSchema.parse({ id, code: "kirishima-city", name: "霧島市役所", active: true }) });
    expect(await codeOf(saveOrderer({ adminId, input: ZSaveOrdererSchema.parse({ code: "kirishima-city", name: "重複", active: true }) }))).toBe("CONFLICT");

    const dept = await saveOrdererDepartment({
      adminId,
      input: ZSaveDepartmentSchema.parse({ ordererId: id, name: "総務部 契約検査課", email: "keiyaku@city-kirishima.example.jp", mailSubjectTemplate: "", active: true }),
    });
    await saveElectronicDeliveryRule({
      adminId,
      input: ZSaveDeliveryRuleSchema.parse({
        ordererId: id,
        acceptsElectronic: true,
        startDate: "2025-04-01",
        workCategories: ["CONSTRUCTION"],
        guaranteeTypes: ["ADVANCE_PAYMENT", "CONTRACT"],
        keySubmissionMethod: "WEB_FORM",
        keySubmissionNote: "霧島市電子申請システムから提出してください。",
        mailSubjectTemplate: "{contractNumber} {workName}",
      }),
    });
    const orderer = await db.orderer.findUniqueOrThrow({ where: { id }, include: { departments: true, deliveryRule: true } });
    expect(orderer.name).toBe("霧島市役所");
    expect(orderer.departments.map((d) => [d.id, d.mailSubjectTemplate])).toEqual([[dept.id, null]]);
    expect(orderer.deliveryRule).toMatchObject({ keySubmissionMethod: "WEB_FORM", guaranteeTypes: ["ADVANCE_PAYMENT", "CONTRACT"] });

    const audits = await db.auditLog.findMany({ where: { entityId: { in: [id, dept.id] } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["orderer.create", "orderer.update", "orderer-department.create", "orderer-rule.save"]);
    expect(audits[1]).toMatchObject({ before: { name: "霧島市" }, after: { name: "霧島市役所" } });
    expect(audits[3]!.before).toBeNull();
  });
});

describe("print task and audit log", () => {
  it("completes 保証証書の印刷・発送 once and pages through the audit log newest first", async () => {
    const app = await createSubmittedApplication(db, { menu: "ADVANCE_AFTER_CONTRACT", deliveryMethod: "PAPER", ordererCode: "sample-town" });
    await markReviewed(db, { applicationId: app.id, reviewerId });
    const { contracts } = await concludeContract({ applicationId: app.id, approverId });
    const task = await db.staffTask.findFirstOrThrow({ where: { contractId: contracts[0]!.id } });
    expect(await completeStaffTask({ taskId: task.id, staffId: reviewerId })).toEqual({ alreadyDone: false });
    expect(await completeStaffTask({ taskId: task.id, staffId: approverId })).toEqual({ alreadyDone: true });
    expect(await db.staffTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "DONE", doneById: reviewerId });

    const first = await listAuditLog({ filter: ZAuditLogFilterSchema.parse({}) });
    expect(first.rows[0]).toMatchObject({ action: "task.complete", entityId: task.id, actorLabel: "staff-tanto" });
    expect(first.total).toBe(await db.auditLog.count());
    const byActor = await listAuditLog({ filter: ZAuditLogFilterSchema.parse({ actor: "staff-shonin", action: "contract." }) });
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(byActor.rows.every((r) => r.actorLabel === "staff-shonin" && r.action.startsWith("contract."))).toBe(true);
  });
});
