/**
 * 照合 (issue 28): what the surety registered at D-Sure, and holds D-Sure's receipts for, against what D-Sure serves
 * now. A consistent rollback of D-Sure's copy (its tables restored to an earlier state, every signature still valid)
 * and a deleted newest entry are each reported with the certificate and what differs; nothing is reported while the
 * two agree; only APPROVER and ADMIN start a run from the screen; one run at a time.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { reissueAuthKey } from "@/lib/auth-key/reissue-auth-key";
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { cancelContract } from "@/lib/contract/cancel-contract";
import { db } from "@/lib/db";
import { dsureDb } from "@/lib/dsure/db";
import { readChain } from "@/lib/dsure/read-chain";
import { dsureIssuers } from "@/lib/dsure/issuers";
import { verifyChain } from "@/lib/dsure/verify-chain";
import { isDomainError } from "@/lib/errors";
import { todayJst } from "@/lib/dates";
import { reconcileWithDsure } from "@/lib/reconciliation/reconcile-with-dsure";
import { createSubmittedApplication, ensureSeeded, markReviewed, staffUserId } from "../support/admin-fixtures";

let approver: string;

beforeAll(async () => {
  await ensureSeeded(db);
  approver = await staffUserId(db, "staff-shonin");
  await drainCertificateRegistrations({ db });
});

async function conclude(workName: string) {
  const app = await createSubmittedApplication(db, { deliveryMethod: "ELECTRONIC", workName });
  await markReviewed(db, { applicationId: app.id, reviewerId: await staffUserId(db, "staff-tanto") });
  const r = await concludeContract({ applicationId: app.id, approverId: approver });
  return r.contracts[0]!;
}

/** D-Sure's whole copy as it stands: every chain entry and certificate row, to put back later as a backup would. */
async function backUpDsure() {
  return {
    entries: await dsureDb.dsureChainEntry.findMany({ orderBy: { id: "asc" } }),
    certificates: await dsureDb.dsureCertificate.findMany(),
  };
}

/** A row read back as it is written (JSON columns as input values). */
const asInput = <T extends { data: unknown; keyOpening: unknown }>(e: T) => ({ ...e, data: e.data as object, keyOpening: (e.keyOpening ?? undefined) as object | undefined });

async function restoreDsure(backup: Awaited<ReturnType<typeof backUpDsure>>) {
  await dsureDb.$transaction(async (tx) => {
    await tx.dsureChainEntry.deleteMany({});
    await tx.dsureCertificate.deleteMany({});
    await tx.dsureCertificate.createMany({ data: backup.certificates });
    await tx.dsureChainEntry.createMany({ data: backup.entries.map(asInput) });
  });
}

const issuer = () => dsureIssuers()[0]!.code;

describe("照合", () => {
  it("finds nothing while D-Sure serves what we registered", async () => {
    await conclude("照合 一致");
    await drainCertificateRegistrations({ db });
    const r = await reconcileWithDsure({ trigger: "CLI" });
    expect(r).toMatchObject({ ran: true, discrepancies: 0, error: null });
    if (!r.ran) return;
    expect(r.certificates).toBeGreaterThan(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: r.runId } });
    expect(audit).toMatchObject({ action: "dsure.reconcile", actorType: "SYSTEM" });
  });

  it("reports a consistent rollback of D-Sure's copy, certificate by certificate, with what differs", async () => {
    const reissued = await conclude("照合 巻き戻し 再発行");
    const cancelled = await conclude("照合 巻き戻し 解約");
    await drainCertificateRegistrations({ db });
    const backup = await backUpDsure();

    // After the backup: a key reissued, a 解約, a new certificate — all registered, with receipts.
    await reissueAuthKey({ contractId: reissued.id, actor: { kind: "STAFF", staffId: approver } });
    await cancelContract({ contractId: cancelled.id, staffId: approver, cancelDate: todayJst(), reason: "工事の中止" });
    const later = await conclude("照合 巻き戻し 後の締結");
    await drainCertificateRegistrations({ db });
    expect(await db.certificateRegistration.count({ where: { contractId: { in: [reissued.id, cancelled.id, later.id] }, receipt: { equals: Prisma.DbNull } } })).toBe(0);

    // D-Sure's tables restored from the backup: every chain still verifies on its own.
    await restoreDsure(backup);
    for (const c of [reissued, cancelled]) {
      const chain = await readChain(dsureDb, { issuerCode: issuer(), contractNumber: c.contractNumber });
      expect(verifyChain({ entries: chain, contractNumber: c.contractNumber, issuers: dsureIssuers() }).ok).toBe(true);
    }

    const r = await reconcileWithDsure({ trigger: "SCREEN", staffId: approver });
    if (!r.ran) throw new Error("did not run");
    const byNumber = new Map(r.findings.map((f) => [f.contractNumber, f]));
    expect(r.discrepancies).toBe(3);
    expect(byNumber.get(reissued.contractNumber)).toMatchObject({ kind: "SHORTER", seq: 3, expected: { length: 3 }, actual: { length: 2 } });
    expect(byNumber.get(cancelled.contractNumber)).toMatchObject({ kind: "SHORTER", seq: 3, expected: { length: 3 }, actual: { length: 2 } });
    expect(byNumber.get(later.contractNumber)).toMatchObject({ kind: "MISSING", expected: { length: 2 }, actual: { length: 0 } });
    // What we hold: the hash of the newest entry D-Sure acknowledged, and the time of its receipt.
    const newest = await db.certificateRegistration.findFirstOrThrow({ where: { contractId: cancelled.id, seq: 3 } });
    expect(byNumber.get(cancelled.contractNumber)!.expected).toMatchObject({ hash: newest.hash, receiptAt: expect.any(String) });

    // Kept for staff: the run, its findings, and the audit row.
    const stored = await db.reconciliationFinding.findMany({ where: { runId: r.runId } });
    expect(stored.map((f) => f.contractNumber).sort()).toEqual([reissued, cancelled, later].map((c) => c.contractNumber).sort());
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: r.runId } });
    expect(audit).toMatchObject({ action: "dsure.reconcile.discrepancy", actorLabel: "staff-shonin" });

    // D-Sure's copy put right (the entries sent again: D-Sure registers them idempotently): nothing to report.
    await db.certificateRegistration.updateMany({ where: { contractId: { in: [reissued.id, cancelled.id, later.id] } }, data: { status: "PENDING" } });
    await drainCertificateRegistrations({ db });
    expect(await reconcileWithDsure({ trigger: "CLI" })).toMatchObject({ ran: true, discrepancies: 0 });
  });

  it("reports a deleted newest entry, and an entry D-Sure holds that we never sent", async () => {
    const c = await conclude("照合 最新の記録の削除");
    await drainCertificateRegistrations({ db });
    const newest = await dsureDb.dsureChainEntry.findFirstOrThrow({ where: { contractNumber: c.contractNumber }, orderBy: { seq: "desc" } });
    await dsureDb.dsureChainEntry.delete({ where: { id: newest.id } });

    const r = await reconcileWithDsure({ trigger: "SCHEDULE" });
    if (!r.ran) throw new Error("did not run");
    expect(r.findings).toEqual([
      expect.objectContaining({ contractNumber: c.contractNumber, kind: "SHORTER", seq: 2, expected: expect.objectContaining({ length: 2 }), actual: expect.objectContaining({ length: 1 }) }),
    ]);

    // Put back, then a copy of the entry at a third place: one D-Sure holds but we never sent (it fails D-Sure's own
    // check too, but the place is what 照合 names first).
    await dsureDb.dsureChainEntry.create({ data: { ...asInput(newest), id: undefined } });
    await dsureDb.dsureChainEntry.create({ data: { ...asInput(newest), id: undefined, seq: 3 } });
    const r2 = await reconcileWithDsure({ trigger: "SCHEDULE" });
    if (!r2.ran) throw new Error("did not run");
    expect(r2.findings).toEqual([expect.objectContaining({ contractNumber: c.contractNumber, kind: "UNKNOWN_ENTRY", seq: 3 })]);
    await dsureDb.dsureChainEntry.deleteMany({ where: { contractNumber: c.contractNumber, seq: 3 } });
  });

  it("is started from the screen by APPROVER and ADMIN only, and runs once at a time", async () => {
    const reviewer = await staffUserId(db, "staff-tanto");
    const refused = await reconcileWithDsure({ trigger: "SCREEN", staffId: reviewer }).catch((e: unknown) => e);
    expect(isDomainError(refused, "FORBIDDEN")).toBe(true);
    await expect(reconcileWithDsure({ trigger: "SCREEN" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const results = await Promise.all([reconcileWithDsure({ trigger: "CLI" }), reconcileWithDsure({ trigger: "CLI" })]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
  });

  it("says so when D-Sure cannot be asked, and finds nothing it cannot see", async () => {
    const away = { close: async () => {}, send: async () => ({ ok: false as const, retry: true, reason: "unreachable" }), query: async () => ({ ok: false as const, reason: "unreachable" }) };
    const r = await reconcileWithDsure({ trigger: "SCHEDULE", connection: away });
    expect(r).toMatchObject({ ran: true, discrepancies: 0, error: expect.stringContaining("D-Sure に照会できませんでした") });
  });
});
