/**
 * 保証契約締結後の変更 on a real database: a contractor's 増額・減額・保証期限変更・請負者の変更 goes through review and
 * maker–checker approval and becomes the next signed 版 of the 電子証書 under the same 保証契約番号, with the fee
 * difference to the yen and the orderer's view following. Runs on the embedded engine by default and on
 * PostgreSQL 15 with TEST_DATABASE_URL.
 */
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { JsonValue } from "@/lib/certificate/canonical-json";
import { verifyCertificateSignature } from "@/lib/certificate/signature";
import { approveChangeRequest } from "@/lib/change/approve-change-request";
import { completeChangeReview } from "@/lib/change/complete-change-review";
import { resubmitChangeRequest } from "@/lib/change/resubmit-change-request";
import { returnChangeRequest } from "@/lib/change/return-change-request";
import type { TChangeRequestInput } from "@/lib/change/schemas";
import { submitChangeRequest } from "@/lib/change/submit-change-request";
import { withdrawChangeRequest } from "@/lib/change/withdraw-change-request";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { certificateJson } from "@/lib/dsure/lookup-response";
import { isDomainError } from "@/lib/errors";
import { getFeeStatementPdf } from "@/lib/fee-statement/get-fee-statement-pdf";
import { concludeGuarantee, contractorOf, liveAuthKey } from "@/tests/support/after-conclusion-fixtures";
import { ensureSeeded, staffUserId } from "@/tests/support/admin-fixtures";
import { extractPdf } from "@/tests/unit/pdf-extract-text";

let reviewerId: string;
let approverId: string;
let kensetsu: Awaited<ReturnType<typeof contractorOf>>;

async function errorOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> } | unknown> {
  return p.then(
    () => null,
    (e: unknown) => (isDomainError(e) ? { code: e.code, details: e.details } : e),
  );
}

function input(o: Partial<TChangeRequestInput> & Pick<TChangeRequestInput, "kind">): TChangeRequestInput {
  return {
    newContractAmount: null,
    newGuaranteeAmount: null,
    newPeriodTo: null,
    newCompanyName: null,
    newAddress: null,
    changeContractDate: "2025-06-01",
    reason: "設計変更に伴う請負代金額の変更",
    requestToken: null,
    ...o,
  };
}

async function submitReviewApprove(contractNumber: string, change: TChangeRequestInput, who = kensetsu) {
  const submitted = await submitChangeRequest({ ...who, contractNumber, input: change });
  await completeChangeReview({ changeRequestId: submitted.id, reviewerId });
  const approved = await approveChangeRequest({ changeRequestId: submitted.id, approverId });
  return { id: submitted.id, approved };
}

/** What the app's registration dispatcher would have delivered by now, then the look-up. */
async function dsureLookup(contractNumber: string, authKey: string) {
  await drainCertificateRegistrations({ db });
  return lookupCertificate({ contractNumber, authKey, clientIp: `203.0.113.${Math.floor(Math.random() * 200) + 1}`, userAgent: "vitest", channel: "API" });
}

beforeAll(async () => {
  await ensureSeeded(db);
  reviewerId = await staffUserId(db, "staff-tanto");
  approverId = await staffUserId(db, "staff-shonin");
  kensetsu = await contractorOf(db, "demo-kensetsu");
});

describe("増額", () => {
  it("issues 版 2 under the same number, signed, supersedes 版 1 and charges the fee difference to the yen", async () => {
    const g = await concludeGuarantee(db, { withContractGuarantee: true });
    const before = await db.guaranteeContract.findUniqueOrThrow({ where: { id: g.advance.id } });
    // サンプル料率 前払金保証: ¥10,000,001–¥100,000,000 at 0.08 %: ¥40,000,000 → ¥32,000.
    expect(before.fee).toBe(32_000n);
    const keyBefore = await liveAuthKey(db, g.advance.id);
    const mailsBefore = await db.mailOutbox.count({ where: { template: "CERTIFICATE_CHANGED" } });

    const { id, approved } = await submitReviewApprove(
      g.advance.contractNumber,
      input({ kind: "INCREASE", newContractAmount: 120_000_000, newGuaranteeAmount: 48_000_000 }),
    );

    // ¥48,000,000 × 0.08 % = ¥38,400; already charged ¥32,000 → ¥6,400 more.
    expect(approved).toMatchObject({ alreadyApproved: false, contractNumber: g.advance.contractNumber, version: 2, feeDifference: 6_400n });
    const after = await db.guaranteeContract.findUniqueOrThrow({
      where: { id: g.advance.id },
      include: { versions: { orderBy: { version: "asc" }, include: { signingKey: true } } },
    });
    expect(after).toMatchObject({ contractNumber: before.contractNumber, currentVersion: 2, guaranteeAmount: 48_000_000n, contractAmount: 120_000_000n, fee: 38_400n });
    const [v1, v2] = after.versions;
    expect(v1!.supersededAt).not.toBeNull();
    expect(v2!.supersededAt).toBeNull();
    expect(v2!.changeRequestId).toBe(id);
    expect(v2!.changeSummary).toBe("増額（保証金額 40,000,000円 → 48,000,000円、請負代金額 100,000,000円 → 120,000,000円）");
    expect(v2!.content).toMatchObject({
      contractNumber: before.contractNumber,
      version: 2,
      work: { contractAmount: 120_000_000 },
      guarantee: { amount: 48_000_000, fee: 38_400 },
      changeSummary: v2!.changeSummary,
    });
    expect(verifyCertificateSignature({ content: v2!.content as JsonValue, signature: v2!.signature, publicKeyPem: v2!.signingKey.publicKeyPem })).toBe(true);
    expect(verifyCertificateSignature({ content: v1!.content as JsonValue, signature: v1!.signature, publicKeyPem: v1!.signingKey.publicKeyPem })).toBe(true);

    const cr = await db.changeRequest.findUniqueOrThrow({ where: { id } });
    expect(cr).toMatchObject({ status: "APPROVED", feeDifference: 6_400n, previousGuaranteeAmount: 40_000_000n, previousFee: 32_000n, newFee: 38_400n });
    expect(await db.mailOutbox.count({ where: { template: "CERTIFICATE_CHANGED" } })).toBe(mailsBefore + 1);
    const mail = await db.mailOutbox.findFirstOrThrow({ where: { template: "CERTIFICATE_CHANGED" }, orderBy: { createdAt: "desc" } });
    expect(mail.subject).toBe("変更後の電子証書登録のお知らせ");
    expect(mail.text).toContain(before.contractNumber);
    expect(mail.text).not.toContain(keyBefore);
    expect(await db.auditLog.count({ where: { action: "change.approve", entityId: id } })).toBe(1);
    expect(await db.feeStatement.count({ where: { changeRequestId: id } })).toBe(0);

    // The 認証キー stays the same; D-Sure and its API show 版 2 as current and the whole history.
    expect(await liveAuthKey(db, g.advance.id)).toBe(keyBefore);
    const found = await dsureLookup(before.contractNumber, keyBefore);
    if (!found.ok) throw new Error(`D-Sure: ${found.reason}`);
    const json = certificateJson(found.view, new Date());
    expect(json.currentVersion).toBe(2);
    expect(json.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(json.versions.every((v) => v.integrity.verified)).toBe(true);
    expect(json.statusLabel).toBe("有効");

    // The 契約保証 of the same application is untouched.
    const other = g.contracts.find((c) => c.guaranteeType === "CONTRACT")!;
    expect((await db.guaranteeContract.findUniqueOrThrow({ where: { id: other.id } })).currentVersion).toBe(1);
  });

  it("approves once on a double click", async () => {
    const g = await concludeGuarantee(db);
    const submitted = await submitChangeRequest({
      ...kensetsu,
      contractNumber: g.advance.contractNumber,
      input: input({ kind: "INCREASE", newContractAmount: 110_000_000, newGuaranteeAmount: 41_000_000 }),
    });
    await completeChangeReview({ changeRequestId: submitted.id, reviewerId });
    const [a, b] = await Promise.all([
      approveChangeRequest({ changeRequestId: submitted.id, approverId }),
      approveChangeRequest({ changeRequestId: submitted.id, approverId }),
    ]);
    expect([a.alreadyApproved, b.alreadyApproved].sort()).toEqual([false, true]);
    expect(a.version).toBe(2);
    expect(b.version).toBe(2);
    expect(await db.certificateVersion.count({ where: { contractId: g.advance.id } })).toBe(2);
    expect(await db.auditLog.count({ where: { action: "change.approve", entityId: submitted.id } })).toBe(1);
  });

  it("submits once when the form is sent twice with the same token", async () => {
    const g = await concludeGuarantee(db);
    const change = input({ kind: "INCREASE", newContractAmount: 110_000_000, newGuaranteeAmount: 41_000_000, requestToken: crypto.randomUUID() });
    const [a, b] = await Promise.all([
      submitChangeRequest({ ...kensetsu, contractNumber: g.advance.contractNumber, input: change }),
      submitChangeRequest({ ...kensetsu, contractNumber: g.advance.contractNumber, input: change }),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.outcome, b.outcome].sort()).toEqual(["ALREADY_SUBMITTED", "SUBMITTED"]);
    expect(await db.changeRequest.count({ where: { contractId: g.advance.id } })).toBe(1);
  });

  it("keeps the published amount rules and the direction of the change", async () => {
    const g = await concludeGuarantee(db);
    const over = await errorOf(
      submitChangeRequest({
        ...kensetsu,
        contractNumber: g.advance.contractNumber,
        input: input({ kind: "INCREASE", newContractAmount: 100_000_000, newGuaranteeAmount: 40_000_001 + 1 }),
      }),
    );
    expect(over).toMatchObject({ code: "VALIDATION", details: { fieldErrors: { newGuaranteeAmount: [expect.stringContaining("10分の4以下（40,000,000円以下）")] } } });
    const notUp = await errorOf(
      submitChangeRequest({
        ...kensetsu,
        contractNumber: g.advance.contractNumber,
        input: input({ kind: "INCREASE", newContractAmount: 100_000_000, newGuaranteeAmount: 30_000_000 }),
      }),
    );
    expect(notUp).toMatchObject({ code: "VALIDATION", details: { fieldErrors: { newGuaranteeAmount: [expect.stringContaining("増額の場合は")] } } });
    const future = await errorOf(
      submitChangeRequest({
        ...kensetsu,
        contractNumber: g.advance.contractNumber,
        input: input({ kind: "DECREASE", newContractAmount: 80_000_000, newGuaranteeAmount: 30_000_000, changeContractDate: "2099-01-01" }),
      }),
    );
    expect(future).toMatchObject({ code: "VALIDATION", details: { fieldErrors: { changeContractDate: ["変更契約日に未来の日付は入力できません"] } } });
    expect(await db.changeRequest.count({ where: { contractId: g.advance.id } })).toBe(0);
  });

  it("answers another company's guarantee like a missing one, and takes one change at a time", async () => {
    const g = await concludeGuarantee(db);
    const doboku = await contractorOf(db, "demo-doboku");
    const change = input({ kind: "DECREASE", newContractAmount: 80_000_000, newGuaranteeAmount: 30_000_000 });
    expect(await errorOf(submitChangeRequest({ ...doboku, contractNumber: g.advance.contractNumber, input: change }))).toMatchObject({ code: "NOT_FOUND" });
    const first = await submitChangeRequest({ ...kensetsu, contractNumber: g.advance.contractNumber, input: change });
    expect(await errorOf(submitChangeRequest({ ...kensetsu, contractNumber: g.advance.contractNumber, input: change }))).toMatchObject({
      code: "CONFLICT",
      details: { pendingChangeId: first.id },
    });
    // 取下げ frees the guarantee for another change.
    await withdrawChangeRequest({ ...kensetsu, changeRequestId: first.id });
    expect((await submitChangeRequest({ ...kensetsu, contractNumber: g.advance.contractNumber, input: change })).outcome).toBe("SUBMITTED");
  });
});

describe("review and maker–checker", () => {
  it("returns with a reason and a mail, takes the corrected change again, and lets only an approver approve", async () => {
    const g = await concludeGuarantee(db);
    const submitted = await submitChangeRequest({
      ...kensetsu,
      contractNumber: g.advance.contractNumber,
      input: input({ kind: "INCREASE", newContractAmount: 110_000_000, newGuaranteeAmount: 44_000_000 }),
    });
    // Not reviewed yet: nothing to approve.
    expect(await errorOf(approveChangeRequest({ changeRequestId: submitted.id, approverId }))).toMatchObject({ code: "INVALID_STATE" });
    await returnChangeRequest({ changeRequestId: submitted.id, staffId: reviewerId, reason: "変更契約書の写しを添付してください" });
    const returned = await db.changeRequest.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(returned).toMatchObject({ status: "RETURNED", returnReason: "変更契約書の写しを添付してください" });
    const mail = await db.mailOutbox.findFirstOrThrow({ where: { template: "APPLICATION_RETURNED" }, orderBy: { createdAt: "desc" } });
    expect(mail.subject).toBe("差戻しのお知らせ");
    expect(mail.text).toContain(g.advance.contractNumber);
    expect(mail.text).toContain("変更契約書の写しを添付してください");

    const again = await resubmitChangeRequest({
      ...kensetsu,
      changeRequestId: submitted.id,
      input: input({ kind: "INCREASE", newContractAmount: 110_000_000, newGuaranteeAmount: 44_000_000, reason: "変更契約書の写しを郵送しました" }),
    });
    expect(again.outcome).toBe("SUBMITTED");

    // A reviewer cannot approve; an approver cannot review.
    expect(await errorOf(approveChangeRequest({ changeRequestId: submitted.id, approverId: reviewerId }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await errorOf(completeChangeReview({ changeRequestId: submitted.id, reviewerId: approverId }))).toMatchObject({ code: "FORBIDDEN" });
    await completeChangeReview({ changeRequestId: submitted.id, reviewerId });
    expect((await completeChangeReview({ changeRequestId: submitted.id, reviewerId })).alreadyReviewed).toBe(true);

    // The same person may not review and approve: make the reviewer an approver and try.
    await db.staffUser.update({ where: { id: reviewerId }, data: { role: "APPROVER" } });
    try {
      expect(await errorOf(approveChangeRequest({ changeRequestId: submitted.id, approverId: reviewerId }))).toMatchObject({
        code: "SAME_PERSON_REVIEW_AND_APPROVAL",
      });
    } finally {
      await db.staffUser.update({ where: { id: reviewerId }, data: { role: "REVIEWER" } });
    }
    const approved = await approveChangeRequest({ changeRequestId: submitted.id, approverId });
    // ¥44,000,000 × 0.08 % = ¥35,200 − ¥32,000.
    expect(approved.feeDifference).toBe(3_200n);
  });
});

describe("減額", () => {
  it("refunds the difference with a 保証料返還計算書 whose PDF shows the refund", async () => {
    const g = await concludeGuarantee(db);
    const { id, approved } = await submitReviewApprove(
      g.advance.contractNumber,
      input({ kind: "DECREASE", newContractAmount: 20_000_000, newGuaranteeAmount: 8_000_000, reason: "工事の一部取りやめ" }),
    );
    // ¥8,000,000 is in the first band (≤ ¥10,000,000) at 0.1 %: ¥8,000; charged ¥32,000 → ¥24,000 back.
    expect(approved.feeDifference).toBe(-24_000n);
    expect(approved.refundStatementId).not.toBeNull();
    const statement = await db.feeStatement.findUniqueOrThrow({ where: { id: approved.refundStatementId! }, include: { items: true } });
    expect(statement).toMatchObject({ kind: "REFUND", total: -24_000n, changeRequestId: id, companyId: kensetsu.companyId });
    expect(statement.items).toEqual([expect.objectContaining({ kind: "DECREASE", amount: 8_000_000n, fee: -24_000n, contractId: g.advance.id })]);
    expect(await db.mailOutbox.count({ where: { template: "FEE_STATEMENT_ISSUED", text: { contains: "保証料返還計算書" } } })).toBeGreaterThan(0);

    const pdf = await getFeeStatementPdf({ statementId: statement.id, companyId: kensetsu.companyId });
    expect(pdf.kind).toBe("REFUND");
    const text = await extractPdf(pdf.content);
    expect(text.compact).toContain("保証料返還計算書");
    expect(text.compact).toContain(g.advance.contractNumber);
    expect(text.compact).toContain("返還額24,000円");
    expect(text.compact).toContain("32,000円");
    expect(text.compact).toContain("8,000円");

    // Another company's statement is not found, like a missing one.
    const doboku = await contractorOf(db, "demo-doboku");
    expect(await errorOf(getFeeStatementPdf({ statementId: statement.id, companyId: doboku.companyId }))).toMatchObject({ code: "NOT_FOUND" });

    const contract = await db.guaranteeContract.findUniqueOrThrow({ where: { id: g.advance.id } });
    expect(contract).toMatchObject({ guaranteeAmount: 8_000_000n, fee: 8_000n, currentVersion: 2 });
  });
});

describe("保証期限変更 and 請負者の名称・所在地の変更", () => {
  it("moves 工期（至） and 保証期間（至） in 版 2 without a fee difference", async () => {
    const g = await concludeGuarantee(db);
    const { approved } = await submitReviewApprove(g.advance.contractNumber, input({ kind: "PERIOD_CHANGE", newPeriodTo: "2030-09-30", reason: "工期延長" }));
    expect(approved.feeDifference).toBe(0n);
    const c = await db.guaranteeContract.findUniqueOrThrow({ where: { id: g.advance.id }, include: { versions: { where: { version: 2 } } } });
    expect(c.periodTo.toISOString().slice(0, 10)).toBe("2030-09-30");
    expect(c.workPeriodTo!.toISOString().slice(0, 10)).toBe("2030-09-30");
    expect(c.fee).toBe(32_000n);
    expect(c.versions[0]!.content).toMatchObject({ work: { periodTo: "2030-09-30" }, guarantee: { periodTo: "2030-09-30" } });
    expect(c.versions[0]!.changeSummary).toBe("保証期限変更（保証期間（至） 令和12年3月29日 → 令和12年9月30日）");
  });

  it("shows the new name and address in 版 2 and updates the company", async () => {
    const doboku = await contractorOf(db, "demo-doboku");
    const g = await concludeGuarantee(db, { customerId: "demo-doboku" });
    const company = await db.company.findUniqueOrThrow({ where: { id: doboku.companyId } });
    const { approved } = await submitReviewApprove(
      g.advance.contractNumber,
      input({ kind: "CONTRACTOR_INFO", newCompanyName: "株式会社テスト土木", newAddress: company.address, reason: "組織変更" }),
      doboku,
    );
    const v2 = await db.certificateVersion.findUniqueOrThrow({ where: { contractId_version: { contractId: g.advance.id, version: approved.version } } });
    expect(v2.content).toMatchObject({ contractor: { name: "株式会社テスト土木", address: company.address } });
    expect(v2.changeSummary).toBe("請負者の名称・所在地の変更（商号又は名称 有限会社テスト土木 → 株式会社テスト土木）");
    expect((await db.company.findUniqueOrThrow({ where: { id: doboku.companyId } })).name).toBe("株式会社テスト土木");
    const v1 = await db.certificateVersion.findUniqueOrThrow({ where: { contractId_version: { contractId: g.advance.id, version: 1 } } });
    expect(v1.content).toMatchObject({ contractor: { name: "有限会社テスト土木" } });
    // 書面 or 電子: this one is electronic, so the contractor is mailed.
    expect(await db.mailOutbox.count({ where: { template: "CERTIFICATE_CHANGED", toAddress: company.email } })).toBe(1);
  });
});
