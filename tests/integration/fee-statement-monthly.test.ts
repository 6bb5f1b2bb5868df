/**
 * 保証料計算書 (保証料一括納付): a month's statement lists exactly the guarantees concluded and the fee differences
 * approved in that month (Japan time), with the total; it is written once per company and month however often or
 * however concurrently it is asked for. Embedded engine by default, PostgreSQL 15 with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveChangeRequest } from "@/lib/change/approve-change-request";
import { completeChangeReview } from "@/lib/change/complete-change-review";
import type { TChangeRequestInput } from "@/lib/change/schemas";
import { submitChangeRequest } from "@/lib/change/submit-change-request";
import { isDomainError } from "@/lib/errors";
import { generateMonthlyFeeStatements } from "@/lib/fee-statement/generate-monthly-fee-statements";
import { getFeeStatementPdf } from "@/lib/fee-statement/get-fee-statement-pdf";
import { listCompanyFeeStatements } from "@/lib/fee-statement/list-company-fee-statements";
import { startFeeStatementScheduler } from "@/lib/fee-statement/start-fee-statement-scheduler";
import { concludeGuarantee, contractorOf, type ConcludedGuarantee } from "@/tests/support/after-conclusion-fixtures";
import { ensureSeeded, staffUserId } from "@/tests/support/admin-fixtures";
import { extractPdf } from "@/tests/unit/pdf-extract-text";

let kensetsu: Awaited<ReturnType<typeof contractorOf>>;
let reviewerId: string;
let approverId: string;
const at = (iso: string) => new Date(iso);

async function change(g: ConcludedGuarantee, input: Partial<TChangeRequestInput>, submittedAt: Date, approvedAt: Date) {
  const full: TChangeRequestInput = {
    kind: "INCREASE",
    newContractAmount: null,
    newGuaranteeAmount: null,
    newPeriodTo: null,
    newCompanyName: null,
    newAddress: null,
    changeContractDate: "2025-06-01",
    reason: "請負代金額の変更",
    requestToken: null,
    ...input,
  };
  const s = await submitChangeRequest({ ...kensetsu, contractNumber: g.advance.contractNumber, input: full, now: submittedAt });
  await completeChangeReview({ changeRequestId: s.id, reviewerId, now: submittedAt });
  return approveChangeRequest({ changeRequestId: s.id, approverId, now: approvedAt });
}

let may: ConcludedGuarantee; // concluded 2025-05-31 23:59 JST
let juneFirst: ConcludedGuarantee; // 2025-06-01 00:00 JST, with 契約保証
let juneMid: ConcludedGuarantee; // 2025-06-20
let july: ConcludedGuarantee; // 2025-07-01 00:00 JST

beforeAll(async () => {
  await ensureSeeded(db);
  kensetsu = await contractorOf(db);
  reviewerId = await staffUserId(db, "staff-tanto");
  approverId = await staffUserId(db, "staff-shonin");

  may = await concludeGuarantee(db, { now: at("2025-05-31T14:59:00Z"), workName: "五月締結の工事" });
  juneFirst = await concludeGuarantee(db, { now: at("2025-05-31T15:00:00Z"), withContractGuarantee: true, workName: "六月一日締結の工事" });
  juneMid = await concludeGuarantee(db, { now: at("2025-06-20T03:00:00Z"), workName: "六月中旬締結の工事" });
  july = await concludeGuarantee(db, { now: at("2025-06-30T15:00:00Z"), workName: "七月締結の工事" });
  // A company without 保証料一括納付 concluding in June gets no statement.
  await concludeGuarantee(db, { customerId: "demo-doboku", now: at("2025-06-10T03:00:00Z") });

  // June: 増額 of juneMid (+¥6,400) and 減額 of the May guarantee (−¥24,000, at 23:59 JST on the 30th).
  await change(juneMid, { kind: "INCREASE", newContractAmount: 120_000_000, newGuaranteeAmount: 48_000_000 }, at("2025-06-24T01:00:00Z"), at("2025-06-25T01:00:00Z"));
  await change(may, { kind: "DECREASE", newContractAmount: 20_000_000, newGuaranteeAmount: 8_000_000 }, at("2025-06-29T01:00:00Z"), at("2025-06-30T14:59:00Z"));
  // July (09:00 JST on the 1st): 増額 of juneFirst (+¥3,200).
  await change(juneFirst, { kind: "INCREASE", newContractAmount: 110_000_000, newGuaranteeAmount: 44_000_000, changeContractDate: "2025-06-30" }, at("2025-06-30T01:00:00Z"), at("2025-07-01T00:00:00Z"));
  // August: one conclusion, for the scheduler.
  await concludeGuarantee(db, { now: at("2025-08-05T03:00:00Z"), workName: "八月締結の工事" });
});

afterAll(() => undefined);

describe("generateMonthlyFeeStatements", () => {
  it("lists exactly the month's conclusions and fee differences, with the total", async () => {
    const r = await generateMonthlyFeeStatements({ month: "2025-06", now: at("2025-07-02T00:00:00Z") });
    expect(r.created).toHaveLength(1);
    expect(r.created[0]).toMatchObject({ companyId: kensetsu.companyId, items: 5, total: 51_400n });

    const s = await db.feeStatement.findUniqueOrThrow({
      where: { id: r.created[0]!.statementId },
      include: { items: { orderBy: { ordinal: "asc" }, include: { contract: { select: { contractNumber: true, guaranteeType: true } } } } },
    });
    expect(s).toMatchObject({ kind: "MONTHLY", month: "2025-06", total: 51_400n, companyId: kensetsu.companyId });
    const contractOf = (g: ConcludedGuarantee, type: string) => g.contracts.find((c) => c.guaranteeType === type)!.contractNumber;
    const rows = s.items.map((i) => [i.contract.contractNumber, i.kind, Number(i.amount), Number(i.fee)]);
    expect(rows).toEqual(
      [
        // 2025-06-01 00:00 JST: 前払金 ¥40,000,000 × 0.08 % and 契約保証 ¥10,000,000 × 0.05 %.
        ...[
          [contractOf(juneFirst, "ADVANCE_PAYMENT"), "CONCLUSION", 40_000_000, 32_000],
          [contractOf(juneFirst, "CONTRACT"), "CONCLUSION", 10_000_000, 5_000],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        [juneMid.advance.contractNumber, "CONCLUSION", 40_000_000, 32_000],
        // 増額 to ¥48,000,000: ¥38,400 − ¥32,000.
        [juneMid.advance.contractNumber, "INCREASE", 48_000_000, 6_400],
        // 減額 to ¥8,000,000 (first band, 0.1 %): ¥8,000 − ¥32,000.
        [may.advance.contractNumber, "DECREASE", 8_000_000, -24_000],
      ],
    );
    // Nothing of May (the May conclusion) or July (the July conclusion, the 増額 of 1 July).
    const numbers = s.items.map((i) => `${i.contract.contractNumber}:${i.kind}`);
    expect(numbers).not.toContain(`${may.advance.contractNumber}:CONCLUSION`);
    expect(numbers).not.toContain(`${july.advance.contractNumber}:CONCLUSION`);
    expect(numbers.filter((n) => n === `${juneFirst.advance.contractNumber}:INCREASE`)).toHaveLength(0);

    const mail = await db.mailOutbox.findFirstOrThrow({ where: { template: "FEE_STATEMENT_ISSUED", text: { contains: "2025年6月" }, NOT: { text: { contains: "返還" } } } });
    expect(mail.subject).toBe("保証料計算書発行のお知らせ");

    const pdf = await getFeeStatementPdf({ statementId: s.id, companyId: kensetsu.companyId });
    const text = await extractPdf(pdf.content);
    expect(text.compact).toContain("保証料計算書");
    expect(text.compact).toContain("2025年6月分");
    expect(text.compact).toContain("51,400円");
    expect(text.compact).toContain("-24,000円");
    expect(text.compact).toContain(juneMid.advance.contractNumber);
    expect(text.compact).toContain(may.advance.contractNumber);
    expect(text.compact).not.toContain(july.advance.contractNumber);

    const listed = await listCompanyFeeStatements({ companyId: kensetsu.companyId });
    expect(listed.map((l) => `${l.kind}:${l.month}`)).toEqual(expect.arrayContaining(["MONTHLY:2025-06", "REFUND:2025-06"]));
  });

  it("writes each company's month once, however often and however concurrently it is asked", async () => {
    const again = await generateMonthlyFeeStatements({ month: "2025-06", now: at("2025-07-03T00:00:00Z") });
    expect(again).toMatchObject({ created: [], existing: 1 });

    const [a, b] = await Promise.all([
      generateMonthlyFeeStatements({ month: "2025-07", now: at("2025-08-02T00:00:00Z") }),
      generateMonthlyFeeStatements({ month: "2025-07", now: at("2025-08-02T00:00:00Z") }),
    ]);
    expect(a.created.length + b.created.length).toBe(1);
    expect(a.existing + b.existing).toBe(1);
    const julyStatements = await db.feeStatement.findMany({ where: { month: "2025-07", kind: "MONTHLY" }, include: { items: true } });
    expect(julyStatements).toHaveLength(1);
    // July: the July conclusion (¥32,000) and the 増額 of 1 July (¥44,000,000 × 0.08 % − ¥32,000 = ¥3,200).
    expect(julyStatements[0]!.total).toBe(35_200n);
    expect(julyStatements[0]!.items).toHaveLength(2);
    expect(await db.mailOutbox.count({ where: { template: "FEE_STATEMENT_ISSUED", text: { contains: "2025年7月" } } })).toBe(1);
  });

  it("refuses a month that has not ended, and staff other than approvers and admins", async () => {
    const early = await generateMonthlyFeeStatements({ month: "2025-08", now: at("2025-08-20T00:00:00Z") }).catch((e: unknown) => e);
    expect(isDomainError(early, "INVALID_STATE")).toBe(true);
    const reviewer = await generateMonthlyFeeStatements({ month: "2025-05", staffId: reviewerId, now: at("2025-07-01T00:00:00Z") }).catch((e: unknown) => e);
    expect(isDomainError(reviewer, "FORBIDDEN")).toBe(true);
    // An approver may: May has the May conclusion only.
    const byStaff = await generateMonthlyFeeStatements({ month: "2025-05", staffId: approverId, now: at("2025-07-01T00:00:00Z") });
    expect(byStaff.created).toEqual([expect.objectContaining({ total: 32_000n, items: 1 })]);
    expect(await db.auditLog.count({ where: { action: "feeStatement.issue", actorType: "STAFF" } })).toBe(1);
  });

  it("is run by the scheduler for the previous month once it has ended", async () => {
    const scheduler = startFeeStatementScheduler({ intervalMs: 3_600_000, log: { info: () => undefined, error: () => undefined } });
    try {
      // 00:05 JST on 1 September: August has not settled yet.
      await scheduler.runOnce(at("2025-08-31T15:05:00Z"));
      expect(await db.feeStatement.count({ where: { month: "2025-08" } })).toBe(0);
      await scheduler.runOnce(at("2025-08-31T15:30:00Z"));
      const august = await db.feeStatement.findMany({ where: { month: "2025-08" } });
      expect(august).toEqual([expect.objectContaining({ kind: "MONTHLY", total: 32_000n })]);
      expect(await db.auditLog.count({ where: { action: "feeStatement.issue", entityId: august[0]!.id, actorType: "SYSTEM" } })).toBe(1);
    } finally {
      scheduler.stop();
    }
  });
});
