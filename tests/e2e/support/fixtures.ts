/**
 * Fixtures for e2e tests, run in a tsx process by `runFixture(name, args)` with the e2e server's DATABASE_URL and
 * secrets. Each uses the real domain functions and prints one JSON line. Add fixtures here as features land.
 */
import { db } from "../../../lib/db";
import { concludeGuarantee, liveAuthKey } from "../../support/after-conclusion-fixtures";

type Fixture = (args: Record<string, unknown>) => Promise<unknown>;

const fixtures: Record<string, Fixture> = {
  async ping() {
    return { companies: await db.company.count() };
  },
  /** After conclusion (tests/e2e/after-conclusion.spec.ts): a 前払金保証 of demo-kensetsu concluded by the real functions. */
  async afterConclusionGuarantee(args) {
    const g = await concludeGuarantee(db, {
      workName: String(args.workName ?? "市道武岡線道路改良工事（変更の確認）"),
      now: typeof args.concludedAt === "string" ? new Date(args.concludedAt) : undefined,
    });
    return { contractId: g.advance.id, contractNumber: g.advance.contractNumber };
  },
  /**
   * Access matrix (tests/e2e/access-matrix.spec.ts): demo guarantees through the real functions, last month's fee
   * statement, and one id of each kind that a page or handler takes.
   */
  async accessMatrixIds() {
    const { seedDemoGuarantees } = await import("../../../lib/demo/seed-demo-guarantees");
    const { generateMonthlyFeeStatements } = await import("../../../lib/fee-statement/generate-monthly-fee-statements");
    await seedDemoGuarantees(db);
    const company = await db.company.findFirstOrThrow({ where: { users: { some: { customerId: "demo-kensetsu" } } } });
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    await generateMonthlyFeeStatements({ month, now: new Date(now.getTime() + 40 * 86_400_000) }).catch(() => null);
    const application = await db.guaranteeApplication.findFirstOrThrow({ where: { companyId: company.id, status: "SUBMITTED" } });
    const contract = await db.guaranteeContract.findFirstOrThrow({ where: { companyId: company.id, deliveryMethod: "ELECTRONIC" } });
    const change = await db.changeRequest.findFirstOrThrow({ where: { companyId: company.id } });
    const statement = await db.feeStatement.findFirst({ where: { companyId: company.id } });
    const orderer = await db.orderer.findUniqueOrThrow({ where: { code: "kagoshima-city" } });
    return {
      applicationId: application.id,
      contractId: contract.id,
      contractNumber: contract.contractNumber,
      changeId: change.id,
      feeStatementId: statement?.id ?? null,
      ordererId: orderer.id,
    };
  },
  /** Faults (tests/cluster): a 前払金保証 application of demo-kensetsu, 審査完了 by staff-tanto, waiting for the approver. */
  async reviewedApplication(args) {
    const { createSubmittedApplication, markReviewed, staffUserId } = await import("../../support/admin-fixtures");
    const app = await createSubmittedApplication(db, { workName: String(args.workName ?? "市道田上線舗装工事（障害試験）") });
    await markReviewed(db, { applicationId: app.id, reviewerId: await staffUserId(db, "staff-tanto") });
    return { applicationId: app.id };
  },
  /** Two instances (tests/cluster): `count` mails due now in the outbox, as enqueueMail leaves them. */
  async dueMails(args) {
    const count = Number(args.count ?? 20);
    const tag = String(args.tag ?? Date.now());
    const rows = Array.from({ length: count }, (_, i) => ({
      template: "CERTIFICATE_REGISTERED",
      toAddress: `cluster-${tag}-${i}@example.jp`,
      subject: `【試験】二重送信の確認 ${tag} #${i}`,
      text: "二つのアプリケーションサーバーから同じメールが二度送られないことの確認です。",
      html: "<p>二つのアプリケーションサーバーから同じメールが二度送られないことの確認です。</p>",
    }));
    await db.mailOutbox.createMany({ data: rows });
    return { tag, count };
  },
  /** The 認証キー in force, in plain text, for typing into D-Sure (as the orderer reads it off the notice). */
  async afterConclusionLiveKey(args) {
    return { authKey: await liveAuthKey(db, String(args.contractId)) };
  },
};

async function main() {
  const [name, rawArgs] = process.argv.slice(2);
  const fixture = name ? fixtures[name] : undefined;
  if (!fixture) throw new Error(`unknown fixture ${name}; known: ${Object.keys(fixtures).join(", ")}`);
  const result = await fixture(rawArgs ? JSON.parse(rawArgs) : {});
  console.log(JSON.stringify(result ?? null, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
