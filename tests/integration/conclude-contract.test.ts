/**
 * 保証契約締結 on a real database: numbers, fees, certificates, keys, mails and tasks are written together or not at
 * all, maker–checker holds, and a repeated click concludes once. Runs on the embedded engine by default and on
 * PostgreSQL 15 with TEST_DATABASE_URL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authKeyKeys } from "@/lib/env";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { issueCertificateVersion } from "@/lib/certificate/issue-certificate-version";
import { verifyCertificateSignature } from "@/lib/certificate/signature";
import type { JsonValue } from "@/lib/certificate/canonical-json";
import type { CertificateContent } from "@/lib/certificate/build-certificate-content";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { formatAuthKey } from "@/lib/auth-key/format-auth-key";
import { verifyAuthKey } from "@/lib/auth-key/hash-auth-key";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { fiscalYearOf } from "@/lib/contract-number/fiscal-year-of";
import { isDomainError } from "@/lib/errors";
import { createStaffAccount, createSubmittedApplication, ensureSeeded, markReviewed, staffUserId } from "@/tests/support/admin-fixtures";

let reviewerId: string;
let approverId: string;

async function reviewedApplication(o: Parameters<typeof createSubmittedApplication>[1] = {}) {
  const app = await createSubmittedApplication(db, o);
  await markReviewed(db, { applicationId: app.id, reviewerId });
  return app;
}

async function counts() {
  const [contracts, versions, keys, mails, audits, tasks, events, sequence] = await Promise.all([
    db.guaranteeContract.count(),
    db.certificateVersion.count(),
    db.authKey.count(),
    db.mailOutbox.count(),
    db.auditLog.count(),
    db.staffTask.count(),
    db.applicationEvent.count(),
    db.contractNumberSequence.findMany({ orderBy: { fiscalYear: "asc" } }),
  ]);
  return { contracts, versions, keys, mails, audits, tasks, events, sequence };
}

async function expectDomainError(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isDomainError(e) ? e.code : e).toBe(code);
}

beforeAll(async () => {
  await ensureSeeded(db);
  reviewerId = await staffUserId(db, "staff-tanto");
  approverId = await staffUserId(db, "staff-shonin");
});

describe("concludeContract", () => {
  it("refuses an application whose 工期（至） has passed since it was submitted (PERIOD_ENDED), writing nothing", async () => {
    const app = await reviewedApplication({ periodTo: "2041-03-19" });
    const before = await counts();
    await expectDomainError(concludeContract({ applicationId: app.id, approverId, now: new Date("2041-03-20T00:00:00+09:00") }), "PERIOD_ENDED");
    expect(await counts()).toEqual(before);
    expect((await db.guaranteeApplication.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("REVIEWED");
    // On its last day it still concludes.
    const done = await concludeContract({ applicationId: app.id, approverId, now: new Date("2041-03-19T23:00:00+09:00") });
    expect(done.contracts).toHaveLength(1);
  });

  it("concludes 前払金保証 with 契約保証 as two contracts, each with its own number, 電子証書, 認証キー and mail", async () => {
    const app = await reviewedApplication({ withContractGuarantee: true });
    const result = await concludeContract({ applicationId: app.id, approverId });

    expect(result.alreadyConcluded).toBe(false);
    expect(result.contracts.map((c) => c.guaranteeType).sort()).toEqual(["ADVANCE_PAYMENT", "CONTRACT"]);
    const contracts = await db.guaranteeContract.findMany({
      where: { applicationId: app.id },
      include: { versions: true, authKeys: true, company: true },
      orderBy: { sequence: "asc" },
    });
    expect(contracts).toHaveLength(2);
    const [advance, contract] = [
      contracts.find((c) => c.guaranteeType === "ADVANCE_PAYMENT")!,
      contracts.find((c) => c.guaranteeType === "CONTRACT")!,
    ];
    expect(new Set(contracts.map((c) => c.contractNumber)).size).toBe(2);
    for (const c of contracts) expect(parseContractNumber(c.contractNumber).ok).toBe(true);

    // 保証金額 and 保証料 from the サンプル料率 in force: 前払金 ¥40,000,000 × 0.08%, 契約保証 ¥10,000,000 × 0.05%.
    expect(advance.guaranteeAmount).toBe(40_000_000n);
    expect(advance.fee).toBe(32_000n);
    expect(contract.guaranteeAmount).toBe(10_000_000n);
    expect(contract.fee).toBe(5_000n);
    // 保証期間: from 契約日 to the end of 工期.
    for (const c of contracts) {
      expect(c.periodFrom.toISOString().slice(0, 10)).toBe("2025-01-20");
      expect(c.periodTo.toISOString().slice(0, 10)).toBe("2099-03-19");
      expect(c.versions).toHaveLength(1);
      expect(c.authKeys).toHaveLength(1);
      expect(c.authKeys[0]!.revokedAt).toBeNull();
    }

    const v1 = advance.versions[0]!;
    const content = v1.content as unknown as CertificateContent;
    expect(content).toMatchObject({
      contractNumber: advance.contractNumber,
      version: 1,
      guaranteeType: "ADVANCE_PAYMENT",
      guaranteeTypeLabel: "前払金保証",
      surety: { name: expect.any(String) },
      orderer: { name: "鹿児島市", departmentName: expect.any(String) },
      contractor: { name: "株式会社サンプル建設", address: "鹿児島県鹿児島市山下町11番1号", representative: "代表取締役 鹿児島 太郎" },
      work: {
        name: "市道武岡線道路改良工事",
        location: "鹿児島市武岡一丁目地内",
        contractAmount: 100_000_000,
        contractDate: "2025-01-20",
        periodFrom: "2025-01-21",
        periodTo: "2099-03-19",
      },
      guarantee: { amount: 40_000_000, amountLabel: "前払金額", periodFrom: "2025-01-20", periodTo: "2099-03-19", fee: 32_000 },
      changeSummary: null,
    });
    expect(content.concludedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((contract.versions[0]!.content as unknown as CertificateContent).guarantee).toMatchObject({ amount: 10_000_000, amountLabel: "契約保証金額" });
    const key = await db.signingKey.findUniqueOrThrow({ where: { keyId: v1.signingKeyId } });
    expect(verifyCertificateSignature({ content: v1.content as JsonValue, signature: v1.signature, publicKeyPem: key.publicKeyPem })).toBe(true);

    // The stored key decrypts to a key its hash accepts.
    const { encryptionKey, hmacKey } = authKeyKeys();
    const plain = decryptAuthKey(advance.authKeys[0]!.ciphertext, encryptionKey);
    expect(verifyAuthKey(formatAuthKey(plain), advance.authKeys[0]!.keyHash, hmacKey)).toBe(true);

    const mails = await db.mailOutbox.findMany({ where: { template: "CERTIFICATE_REGISTERED", toAddress: "info@sample-kensetsu.example.jp" } });
    const numbers = contracts.map((c) => c.contractNumber);
    expect(mails.filter((m) => numbers.some((n) => m.text.includes(n)))).toHaveLength(2);
    expect(mails[0]!.subject).toContain("電子証書・認証キー登録のお知らせ");

    const application = await db.guaranteeApplication.findUniqueOrThrow({ where: { id: app.id }, include: { events: true } });
    expect(application).toMatchObject({ status: "CONCLUDED", approvedById: approverId });
    expect(application.events.map((e) => e.type)).toContain("CONCLUDED");
    expect(await db.auditLog.count({ where: { action: "contract.conclude", entityId: { in: contracts.map((c) => c.id) } } })).toBe(2);
    expect(await db.staffTask.count({ where: { contractId: { in: contracts.map((c) => c.id) } } })).toBe(0);
  });

  it("concludes 中間前払金保証 at 0.065% of the intermediate amount", async () => {
    const app = await reviewedApplication({ menu: "INTERMEDIATE", intermediateAmount: 10_000_000 });
    const { contracts } = await concludeContract({ applicationId: app.id, approverId });
    expect(contracts.map((c) => c.guaranteeType)).toEqual(["INTERMEDIATE_ADVANCE"]);
    const row = await db.guaranteeContract.findUniqueOrThrow({ where: { id: contracts[0]!.id } });
    expect(row.guaranteeAmount).toBe(10_000_000n);
    expect(row.fee).toBe(6_500n);
  });

  it("for 書面 creates the task 保証証書の印刷・発送 and neither a key nor a mail", async () => {
    const app = await reviewedApplication({ menu: "ADVANCE_AFTER_CONTRACT", deliveryMethod: "PAPER", ordererCode: "sample-town" });
    const before = await counts();
    const { contracts } = await concludeContract({ applicationId: app.id, approverId });
    const after = await counts();
    expect(contracts).toHaveLength(1);
    expect(await db.staffTask.findMany({ where: { contractId: contracts[0]!.id } })).toMatchObject([{ kind: "PRINT_AND_SHIP", status: "OPEN" }]);
    expect(after.keys).toBe(before.keys);
    expect(after.mails).toBe(before.mails);
    expect(after.versions).toBe(before.versions + 1);
  });

  it("takes the 年度 of the conclusion instant in Japan time", async () => {
    const late = await reviewedApplication();
    const early = await reviewedApplication();
    const a = await concludeContract({ applicationId: late.id, approverId, now: new Date("2025-03-31T14:59:59Z") });
    const b = await concludeContract({ applicationId: early.id, approverId, now: new Date("2025-03-31T15:00:00Z") });
    expect(a.contracts[0]!.contractNumber).toMatch(/^2024-\d{7}-\d$/);
    expect(b.contracts[0]!.contractNumber).toMatch(/^2025-0000001-\d$/);
  });

  it("refuses the approver who reviewed the application, and leaves it waiting", async () => {
    const approverWhoReviewed = await createStaffAccount(db, { staffId: "staff-shonin-2", role: "APPROVER" });
    const app = await createSubmittedApplication(db);
    await markReviewed(db, { applicationId: app.id, reviewerId: approverWhoReviewed });
    const before = await counts();
    await expectDomainError(concludeContract({ applicationId: app.id, approverId: approverWhoReviewed }), "SAME_PERSON_REVIEW_AND_APPROVAL");
    expect(await counts()).toEqual(before);
    expect((await db.guaranteeApplication.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("REVIEWED");
    // …and another approver may conclude it.
    expect((await concludeContract({ applicationId: app.id, approverId })).contracts).toHaveLength(1);
  });

  it("refuses a reviewer (not an approver) and an application that is not reviewed yet", async () => {
    const reviewed = await reviewedApplication();
    await expectDomainError(concludeContract({ applicationId: reviewed.id, approverId: reviewerId }), "FORBIDDEN");
    const submitted = await createSubmittedApplication(db);
    await expectDomainError(concludeContract({ applicationId: submitted.id, approverId }), "INVALID_STATE");
    await expectDomainError(concludeContract({ applicationId: "00000000-0000-4000-8000-000000000000", approverId }), "NOT_FOUND");
  });

  it("concludes once when called twice, one after the other or at the same moment", async () => {
    const app = await reviewedApplication();
    const first = await concludeContract({ applicationId: app.id, approverId });
    const again = await concludeContract({ applicationId: app.id, approverId });
    expect(again).toEqual({ ...first, alreadyConcluded: true });

    const raced = await reviewedApplication({ withContractGuarantee: true });
    const results = await Promise.all([1, 2, 3].map(() => concludeContract({ applicationId: raced.id, approverId })));
    expect(results.filter((r) => !r.alreadyConcluded)).toHaveLength(1);
    const numbers = results.map((r) => r.contracts.map((c) => c.contractNumber).sort().join());
    expect(new Set(numbers).size).toBe(1);
    expect(await db.guaranteeContract.count({ where: { applicationId: raced.id } })).toBe(2);
    expect(await db.authKey.count({ where: { contract: { applicationId: raced.id } } })).toBe(2);
  });

  it.each([
    ["right after the number is allocated", "faultAfterNumber"],
    ["after everything is written, before commit", "faultBeforeCommit"],
  ] as const)("rolls back everything when it fails %s", async (_when, hook) => {
    await concludeContract({ applicationId: (await reviewedApplication()).id, approverId }); // the year's row exists
    const app = await reviewedApplication({ withContractGuarantee: true });
    const before = await counts();
    const failure = new Error("injected failure");
    await expect(
      concludeContract({
        applicationId: app.id,
        approverId,
        [hook]: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(await counts()).toEqual(before); // no contract, version, key, mail, audit row, task or event; same sequence
    expect(await db.guaranteeApplication.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({
      status: "REVIEWED",
      approvedById: null,
      concludedAt: null,
    });
    // The number it had taken is handed out next.
    const lastBefore = before.sequence.find((r) => r.fiscalYear === fiscalYearOf(new Date()))!.lastValue;
    const { contracts } = await concludeContract({ applicationId: app.id, approverId });
    expect(contracts.map((c) => parseContractNumber(c.contractNumber)).map((p) => (p.ok ? p.sequence : 0)).sort((x, y) => x - y)).toEqual([
      lastBefore + 1,
      lastBefore + 2,
    ]);
  });

  it("keeps the issued snapshot when the company is renamed; the signature still verifies and 版 2 shows the new name", async () => {
    const app = await reviewedApplication({ customerId: "demo-doboku" });
    const { contracts } = await concludeContract({ applicationId: app.id, approverId });
    const contractId = contracts[0]!.id;
    const v1Before = await db.certificateVersion.findFirstOrThrow({ where: { contractId, version: 1 } });

    await db.company.update({ where: { id: app.companyId }, data: { name: "有限会社テスト土木（新商号）", address: "鹿児島県霧島市国分中央1番1号" } });

    const v1 = await db.certificateVersion.findFirstOrThrow({ where: { contractId, version: 1 }, include: { signingKey: true } });
    expect(v1.content).toEqual(v1Before.content);
    expect((v1.content as unknown as CertificateContent).contractor.name).toBe("有限会社テスト土木");
    expect(verifyCertificateSignature({ content: v1.content as JsonValue, signature: v1.signature, publicKeyPem: v1.signingKey.publicKeyPem })).toBe(true);

    // A later version (as a change would issue) snapshots the company as it is then, and supersedes 版 1.
    const v2 = await db.$transaction((tx) => issueCertificateVersion(tx, { contractId, version: 2, changeSummary: "請負者の名称・所在地の変更" }));
    expect(v2.content.contractor.name).toBe("有限会社テスト土木（新商号）");
    expect(v2.content.changeSummary).toBe("請負者の名称・所在地の変更");
    expect((await db.certificateVersion.findFirstOrThrow({ where: { contractId, version: 1 } })).supersededAt).not.toBeNull();
    expect((await db.guaranteeContract.findUniqueOrThrow({ where: { id: contractId } })).currentVersion).toBe(2);
    await expectDomainError(db.$transaction((tx) => issueCertificateVersion(tx, { contractId, version: 2 })), "CONFLICT");
  });

  it("never writes the 認証キー into any text column: not the audit log, not the outbox, nowhere", async () => {
    const keys = await db.authKey.findMany({ select: { ciphertext: true } });
    expect(keys.length).toBeGreaterThan(0);
    const { encryptionKey } = authKeyKeys();
    const plaintexts = keys.map((k) => decryptAuthKey(k.ciphertext, encryptionKey));
    const needles = plaintexts.flatMap((k) => [k, formatAuthKey(k)]);

    const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`;
    expect(columns.some((c) => c.table_name === "AuditLog" && c.column_name === "after")).toBe(true);
    expect(columns.some((c) => c.table_name === "MailOutbox" && c.column_name === "text")).toBe(true);
    const columnsContaining = async (values: string[]) => {
      const hits: string[] = [];
      for (const { table_name, column_name } of columns) {
        const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE ANY ($1::text[])`,
          values.map((n) => `%${n}%`),
        );
        if (Number(rows[0]!.n) > 0) hits.push(`${table_name}.${column_name}`);
      }
      return hits;
    };
    // The search itself works: it finds the ciphertext where it is stored.
    expect(await columnsContaining([keys[0]!.ciphertext])).toEqual(["AuthKey.ciphertext"]);
    expect(await columnsContaining(needles)).toEqual([]);
  });
});
