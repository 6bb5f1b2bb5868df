/**
 * 保証契約番号 under concurrent conclusion: 100 applications concluded at once by one approver through the app's pool
 * (10 connections) get 100 distinct, valid, gapless numbers.
 */
import { beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { fiscalYearOf } from "@/lib/contract-number/fiscal-year-of";
import { createSubmittedApplication, ensureSeeded, markReviewed, staffUserId } from "@/tests/support/admin-fixtures";

const N = 100;
let ids: string[] = [];
let approverId: string;

beforeAll(async () => {
  await ensureSeeded(db);
  const reviewerId = await staffUserId(db, "staff-tanto");
  approverId = await staffUserId(db, "staff-shonin");
  ids = [];
  for (let i = 0; i < N; i++) {
    const app = await createSubmittedApplication(db, { workName: `同時締結テスト工事 第${i + 1}号` });
    await markReviewed(db, { applicationId: app.id, reviewerId });
    ids.push(app.id);
  }
}, 300_000);

it(`gives ${N} parallel conclusions ${N} distinct valid numbers with no gap`, async () => {
  const now = new Date();
  const results = await Promise.all(ids.map((applicationId) => concludeContract({ applicationId, approverId, now })));
  const numbers = results.flatMap((r) => r.contracts.map((c) => c.contractNumber));
  expect(numbers).toHaveLength(N);
  expect(new Set(numbers).size).toBe(N);
  const parsed = numbers.map((n) => parseContractNumber(n));
  expect(parsed.every((p) => p.ok && p.fiscalYear === fiscalYearOf(now))).toBe(true);
  const sequences = parsed.map((p) => (p.ok ? p.sequence : 0)).sort((a, b) => a - b);
  expect(sequences).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  expect(await db.guaranteeContract.count()).toBe(N);
  expect(await db.certificateVersion.count()).toBe(N);
  expect(await db.authKey.count({ where: { revokedAt: null } })).toBe(N);
  expect(await db.contractNumberSequence.findUnique({ where: { fiscalYear: fiscalYearOf(now) } })).toEqual({ fiscalYear: fiscalYearOf(now), lastValue: N });
}, 300_000);
