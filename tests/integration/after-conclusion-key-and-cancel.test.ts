/**
 * After conclusion: 認証キーの再発行 (the old key stops working at once), 発注者へ送信 (the key notice to the orderer's
 * department, once per click) and 解約 (D-Sure and its API say 解約 from then on). Embedded engine by default,
 * PostgreSQL 15 with TEST_DATABASE_URL.
 */
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reissueAuthKey } from "@/lib/auth-key/reissue-auth-key";
import { submitChangeRequest } from "@/lib/change/submit-change-request";
import { cancelContract } from "@/lib/contract/cancel-contract";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { lookupResponse, NOT_FOUND_BODY } from "@/lib/dsure/lookup-response";
import { isDomainError } from "@/lib/errors";
import { getKeyNoticeSubmissionOptions } from "@/lib/orderer/get-key-notice-submission-options";
import { sendKeyNoticeToOrderer } from "@/lib/orderer/send-key-notice-to-orderer";
import { getAuthKeyNotice } from "@/lib/pdf/get-auth-key-notice";
import { concludeGuarantee, contractorOf, liveAuthKey } from "@/tests/support/after-conclusion-fixtures";
import { ensureSeeded, staffUserId } from "@/tests/support/admin-fixtures";

let kensetsu: Awaited<ReturnType<typeof contractorOf>>;
let reviewerId: string;
let approverId: string;
let adminId: string;

async function errorOf(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => (isDomainError(e) ? { code: e.code, details: e.details } : e),
  );
}

let ip = 0;
/** What the app's registration dispatcher would have delivered by now, then the look-up. */
async function lookup(contractNumber: string, authKey: string) {
  await drainCertificateRegistrations({ db });
  return lookupCertificate({ contractNumber, authKey, clientIp: `192.0.2.${++ip}`, userAgent: "vitest", channel: "API" });
}

beforeAll(async () => {
  await ensureSeeded(db);
  kensetsu = await contractorOf(db);
  reviewerId = await staffUserId(db, "staff-tanto");
  approverId = await staffUserId(db, "staff-shonin");
  adminId = await staffUserId(db, "staff-admin");
});

describe("認証キーの再発行", () => {
  it("by the contractor: the old key gets D-Sure's generic failure at once, the new one works, nothing is mailed", async () => {
    const g = await concludeGuarantee(db);
    const oldKey = await liveAuthKey(db, g.advance.id);
    expect((await lookup(g.advance.contractNumber, oldKey)).ok).toBe(true);
    const mails = await db.mailOutbox.count();

    const r = await reissueAuthKey({ contractId: g.advance.id, actor: { kind: "CONTRACTOR", ...kensetsu } });
    const newKey = await liveAuthKey(db, g.advance.id);
    expect(newKey).not.toBe(oldKey);
    expect(r.revokedKeyIds).toHaveLength(1);

    const refused = await lookup(g.advance.contractNumber, oldKey);
    expect(refused).toEqual({ ok: false, reason: "NOT_FOUND" });
    const api = lookupResponse(refused);
    expect(api.status).toBe(404);
    expect(await api.text()).toBe(NOT_FOUND_BODY);
    expect((await lookup(g.advance.contractNumber, newKey)).ok).toBe(true);

    // No mail carries the key (none is sent at all); the audit row names key rows, never a key.
    expect(await db.mailOutbox.count()).toBe(mails);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "authKey.reissue", entityId: g.advance.id } });
    const auditText = JSON.stringify({ before: audit.before, after: audit.after });
    expect(auditText).not.toContain(newKey);
    expect(auditText).not.toContain(oldKey);
    expect(audit).toMatchObject({ actorType: "CONTRACTOR", actorLabel: "demo-kensetsu" });

    // The notice PDF now carries the new key.
    const notice = await getAuthKeyNotice({ contractNumber: g.advance.contractNumber, companyId: kensetsu.companyId });
    expect(notice.data.authKey.replaceAll("-", "")).toBe(newKey);
  });

  it("by staff: approvers and admins may, reviewers may not; another company's contractor gets not-found", async () => {
    const g = await concludeGuarantee(db);
    expect(await errorOf(reissueAuthKey({ contractId: g.advance.id, actor: { kind: "STAFF", staffId: reviewerId } }))).toMatchObject({ code: "FORBIDDEN" });
    const doboku = await contractorOf(db, "demo-doboku");
    expect(await errorOf(reissueAuthKey({ contractId: g.advance.id, actor: { kind: "CONTRACTOR", ...doboku } }))).toMatchObject({ code: "NOT_FOUND" });
    const before = await liveAuthKey(db, g.advance.id);
    await reissueAuthKey({ contractId: g.advance.id, actor: { kind: "STAFF", staffId: adminId } });
    expect(await liveAuthKey(db, g.advance.id)).not.toBe(before);
    expect(await db.authKey.count({ where: { contractId: g.advance.id, revokedAt: null } })).toBe(1);
  });
});

describe("発注者へ送信", () => {
  it("queues the key notice PDF to the chosen department's address with the orderer's subject, once per click", async () => {
    const g = await concludeGuarantee(db, { workName: "甲突川河川改修工事" });
    const options = await getKeyNoticeSubmissionOptions({ companyId: kensetsu.companyId, contractNumber: g.advance.contractNumber });
    expect(options?.sendBlockedReason).toBeNull();
    expect(options?.keySubmissionNote).toContain("電子メール");
    const dept = options!.departments.find((d) => d.name === "財政局 財産管理部 契約課")!;
    const token = crypto.randomUUID();

    const [a, b] = await Promise.all([
      sendKeyNoticeToOrderer({ ...kensetsu, contractNumber: g.advance.contractNumber, departmentId: dept.id, requestToken: token }),
      sendKeyNoticeToOrderer({ ...kensetsu, contractNumber: g.advance.contractNumber, departmentId: dept.id, requestToken: token }),
    ]);
    expect([a.alreadySent, b.alreadySent].sort()).toEqual([false, true]);
    expect(a.submissionId).toBe(b.submissionId);

    const submissions = await db.ordererSubmission.findMany({ where: { contractId: g.advance.id } });
    expect(submissions).toHaveLength(1);
    const mail = await db.mailOutbox.findUniqueOrThrow({ where: { id: submissions[0]!.outboxId } });
    expect(mail).toMatchObject({
      template: "KEY_NOTICE_TO_ORDERER",
      toAddress: "keiyaku@city-kagoshima.example.jp",
      subject: "【前払金保証】甲突川河川改修工事",
      attachments: [{ kind: "AUTH_KEY_NOTICE", contractId: g.advance.id }],
    });
    const key = await liveAuthKey(db, g.advance.id);
    expect(mail.text + mail.html).not.toContain(key);
    const liveKey = await db.authKey.findFirstOrThrow({ where: { contractId: g.advance.id, revokedAt: null } });
    expect(submissions[0]).toMatchObject({ sentByUserId: kensetsu.userId, departmentId: dept.id, keyVersionId: liveKey.id, subject: mail.subject });

    const after = await getKeyNoticeSubmissionOptions({ companyId: kensetsu.companyId, contractNumber: g.advance.contractNumber });
    expect(after!.submissions).toEqual([expect.objectContaining({ departmentName: dept.name, mailStatus: "PENDING", carriedCurrentKey: true })]);
    // After a reissue the submission is marked as carrying a key no longer in force.
    await reissueAuthKey({ contractId: g.advance.id, actor: { kind: "CONTRACTOR", ...kensetsu } });
    const later = await getKeyNoticeSubmissionOptions({ companyId: kensetsu.companyId, contractNumber: g.advance.contractNumber });
    expect(later!.submissions[0]!.carriedCurrentKey).toBe(false);
  });

  it("refuses another orderer's department and another company's guarantee", async () => {
    const g = await concludeGuarantee(db);
    const town = await db.ordererDepartment.findFirstOrThrow({ where: { orderer: { code: "sample-town" } } });
    expect(
      await errorOf(sendKeyNoticeToOrderer({ ...kensetsu, contractNumber: g.advance.contractNumber, departmentId: town.id, requestToken: null })),
    ).toMatchObject({ code: "VALIDATION", details: { fieldErrors: { departmentId: [expect.any(String)] } } });
    const doboku = await contractorOf(db, "demo-doboku");
    const dept = await db.ordererDepartment.findFirstOrThrow({ where: { orderer: { code: "kagoshima-city" } } });
    expect(
      await errorOf(sendKeyNoticeToOrderer({ ...doboku, contractNumber: g.advance.contractNumber, departmentId: dept.id, requestToken: null })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await getKeyNoticeSubmissionOptions({ companyId: doboku.companyId, contractNumber: g.advance.contractNumber })).toBeNull();
  });
});

describe("解約", () => {
  it("makes D-Sure and its API say 解約, stamps the current 版, withdraws changes in hand, and is done once", async () => {
    const g = await concludeGuarantee(db);
    const key = await liveAuthKey(db, g.advance.id);
    const pending = await submitChangeRequest({
      ...kensetsu,
      contractNumber: g.advance.contractNumber,
      input: {
        kind: "DECREASE",
        newContractAmount: 80_000_000,
        newGuaranteeAmount: 30_000_000,
        newPeriodTo: null,
        newCompanyName: null,
        newAddress: null,
        changeContractDate: "2025-06-01",
        reason: "減額",
        requestToken: null,
      },
    });

    expect(await errorOf(cancelContract({ contractId: g.advance.id, staffId: reviewerId, cancelDate: "2025-07-01", reason: "工事中止" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await errorOf(cancelContract({ contractId: g.advance.id, staffId: approverId, cancelDate: "2099-01-01", reason: "工事中止" }))).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { cancelDate: ["解約日に未来の日付は入力できません"] } },
    });
    expect(await errorOf(cancelContract({ contractId: g.advance.id, staffId: approverId, cancelDate: "2024-01-01", reason: "工事中止" }))).toMatchObject({
      code: "VALIDATION",
    });

    const r = await cancelContract({ contractId: g.advance.id, staffId: approverId, cancelDate: "2025-07-01", reason: "発注者による工事の中止" });
    expect(r.alreadyCancelled).toBe(false);
    const c = await db.guaranteeContract.findUniqueOrThrow({ where: { id: g.advance.id }, include: { versions: true } });
    expect(c).toMatchObject({ status: "CANCELLED", cancelReason: "発注者による工事の中止" });
    expect(c.cancelledAt).not.toBeNull();
    expect(c.cancelDate!.toISOString().slice(0, 10)).toBe("2025-07-01");
    expect(c.versions.find((v) => v.version === c.currentVersion)!.cancelledAt).not.toBeNull();
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("WITHDRAWN");
    expect(await db.auditLog.count({ where: { action: "contract.cancel", entityId: g.advance.id } })).toBe(1);

    // D-Sure: the same key still opens it, and what it shows is 解約.
    const found = await lookup(g.advance.contractNumber, key);
    if (!found.ok) throw new Error(found.reason);
    expect(found.view.displayStatus).toBe("CANCELLED");
    const body = await lookupResponse(found).json();
    expect(body).toMatchObject({ status: "CANCELLED", statusLabel: "解約", cancelDate: "2025-07-01" });

    const again = await cancelContract({ contractId: g.advance.id, staffId: adminId, cancelDate: "2025-08-01", reason: "重複" });
    expect(again).toEqual({ alreadyCancelled: true, cancelDate: "2025-07-01" });
    expect(await db.auditLog.count({ where: { action: "contract.cancel", entityId: g.advance.id } })).toBe(1);

    // No more changes, and no key notice to the orderer, for a cancelled guarantee.
    expect(
      await errorOf(
        submitChangeRequest({
          ...kensetsu,
          contractNumber: g.advance.contractNumber,
          input: { kind: "PERIOD_CHANGE", newContractAmount: null, newGuaranteeAmount: null, newPeriodTo: "2030-12-01", newCompanyName: null, newAddress: null, changeContractDate: "2025-06-01", reason: "延長", requestToken: null },
        }),
      ),
    ).toMatchObject({ code: "INVALID_STATE" });
    const dept = await db.ordererDepartment.findFirstOrThrow({ where: { orderer: { code: "kagoshima-city" } } });
    expect(
      await errorOf(sendKeyNoticeToOrderer({ ...kensetsu, contractNumber: g.advance.contractNumber, departmentId: dept.id, requestToken: null })),
    ).toMatchObject({ code: "INVALID_STATE" });
  });
});
