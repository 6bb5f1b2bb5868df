/**
 * Fixtures for e2e tests, run in a tsx process by `runFixture(name, args)` with the e2e server's DATABASE_URL and
 * secrets. Each uses the real domain functions and prints one JSON line. Add fixtures here as features land.
 */
import { db } from "../../../lib/db";
import { hashPassword } from "../../../lib/auth/password";
import { DEMO_PASSWORD } from "../../../prisma/seed-lib";
import { concludeGuarantee, liveAuthKey } from "../../support/after-conclusion-fixtures";
import { createStaffAccount, createSubmittedApplication } from "../../support/admin-fixtures";

type Fixture = (args: Record<string, unknown>) => Promise<unknown>;

/** 二段階認証 as a confirmed enrolment leaves it, with a secret the test knows (Base32). */
async function enrolWithSecret(staffId: string, secret: string) {
  const { sealSecret } = await import("../../../lib/crypto/seal-secret");
  const { secondFactorKey } = await import("../../../lib/env");
  await db.staffUser.update({
    where: { staffId },
    data: { totpSecret: sealSecret(secret, secondFactorKey()), totpPendingSecret: null, totpEnabledAt: new Date() },
  });
}

const fixtures: Record<string, Fixture> = {
  async ping() {
    return { companies: await db.company.count() };
  },
  /** A staff member whose 二段階認証 uses `secret` (tests/e2e/support loginAsStaff); left alone when already set. */
  async enrolSecondFactor(args) {
    const staffId = String(args.staffId);
    const row = await db.staffUser.findUniqueOrThrow({ where: { staffId }, select: { totpEnabledAt: true } });
    if (!row.totpEnabledAt) await enrolWithSecret(staffId, String(args.secret));
    return { staffId };
  },
  /** A new staff member with the demo password; with `secret`, 二段階認証 already set. */
  async staffAccount(args) {
    const staffId = String(args.staffId);
    await createStaffAccount(db, { staffId, role: args.role as "REVIEWER" | "APPROVER" | "ADMIN", name: String(args.name ?? staffId) });
    if (typeof args.secret === "string") await enrolWithSecret(staffId, args.secret);
    return { staffId };
  },
  /**
   * After conclusion (tests/e2e/after-conclusion.spec.ts): a 前払金保証 of demo-kensetsu concluded by the real functions,
   * and registered at D-Sure before it is handed back (the app's dispatcher would do it moments later; a test that looks
   * it up at once must not race it — a look-up before registration counts as a failure).
   */
  async afterConclusionGuarantee(args) {
    const g = await concludeGuarantee(db, {
      workName: String(args.workName ?? "市道武岡線道路改良工事（変更の確認）"),
      now: typeof args.concludedAt === "string" ? new Date(args.concludedAt) : undefined,
    });
    const { drainCertificateRegistrations } = await import("../../../lib/certificate/drain-certificate-registrations");
    await drainCertificateRegistrations({ db });
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
  /**
   * Fuzzing the actions (tests/e2e/fuzz-actions.spec.ts): a company of its own whose login `e2e-fuzz` the fuzzer
   * uses (with an incomplete draft and a concluded 前払金保証 to aim at), a second login and a staff account that
   * the fuzzer only ever gets wrong, and another company's (demo-doboku's) complete draft and concluded guarantee,
   * which nothing the fuzzer sends may reach. Idempotent: a second call returns the same rows.
   */
  async fuzzTargets() {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let user = await db.contractorUser.findUnique({ where: { customerId: "e2e-fuzz" } });
    if (!user) {
      const company = await db.company.create({
        data: {
          name: "株式会社ファズ工務店",
          representative: "代表取締役 試験 太郎",
          address: "鹿児島県鹿児島市山下町11番1号",
          licenseNumber: "鹿児島県知事許可（般-6）第99999号",
          email: "info@fuzz-komuten.example.jp",
          phone: "099-000-9999",
        },
      });
      user = await db.contractorUser.create({
        data: { companyId: company.id, customerId: "e2e-fuzz", name: "試験 花子", email: "hanako@fuzz-komuten.example.jp", passwordHash },
      });
      await db.contractorUser.create({
        data: { companyId: company.id, customerId: "e2e-fuzz-target", name: "試験 次郎", email: "jiro@fuzz-komuten.example.jp", passwordHash },
      });
      await createStaffAccount(db, { staffId: "e2e-fuzz-staff", role: "REVIEWER" });
      await db.guaranteeApplication.create({
        data: { companyId: company.id, createdById: user.id, menu: "ADVANCE", status: "DRAFT", workName: "ファズ 書きかけの下書き" },
      });
      await concludeGuarantee(db, { customerId: "e2e-fuzz", workName: "ファズ 締結済の前払金保証" });
      const foreign = await createSubmittedApplication(db, { customerId: "demo-doboku", workName: "ファズ 他社の下書き", deliveryMethod: "PAPER" });
      await db.applicationEvent.deleteMany({ where: { applicationId: foreign.id } });
      await db.guaranteeApplication.update({ where: { id: foreign.id }, data: { status: "DRAFT", submittedAt: null } });
      await concludeGuarantee(db, { customerId: "demo-doboku", workName: "ファズ 他社の前払金保証" });
    }
    const apps = await db.guaranteeApplication.findMany({
      where: { workName: { in: ["ファズ 書きかけの下書き", "ファズ 締結済の前払金保証", "ファズ 他社の下書き"] } },
      select: { id: true, workName: true, companyId: true, lockVersion: true },
    });
    const app = (workName: string) => apps.find((a) => a.workName === workName)!;
    const contractOf = async (workName: string) =>
      (await db.guaranteeContract.findFirstOrThrow({ where: { workName, guaranteeType: "ADVANCE_PAYMENT" }, select: { contractNumber: true } }))
        .contractNumber;
    const orderer = await db.orderer.findUniqueOrThrow({
      where: { code: "kagoshima-city" },
      select: { id: true, departments: { where: { name: "建設局 道路部 道路建設課" }, select: { id: true } } },
    });
    return {
      companyId: user.companyId,
      ownDraftId: app("ファズ 書きかけの下書き").id,
      ownConcludedApplicationId: app("ファズ 締結済の前払金保証").id,
      ownContractNumber: await contractOf("ファズ 締結済の前払金保証"),
      foreignDraftId: app("ファズ 他社の下書き").id,
      foreignDraftLockVersion: app("ファズ 他社の下書き").lockVersion,
      foreignContractNumber: await contractOf("ファズ 他社の前払金保証"),
      ordererId: orderer.id,
      departmentId: orderer.departments[0]!.id,
    };
  },
  /** The 認証キー in force, in plain text, for typing into D-Sure (as the orderer reads it off the notice). */
  async afterConclusionLiveKey(args) {
    return { authKey: await liveAuthKey(db, String(args.contractId)) };
  },
  /**
   * Conclusions as staff make them (tests/cluster/registry-apart.spec.ts): `count` electronic 前払金保証, each queued for
   * registration at D-Sure in its transaction and left for the app's registration dispatcher to deliver.
   */
  async concludeForRegistration(args) {
    const { concludeElectronicGuarantee } = await import("../../support/certificate-fixtures");
    const out = [];
    for (let i = 0; i < Number(args.count ?? 1); i++) {
      const g = await concludeElectronicGuarantee(db, { withContractGuarantee: false, workName: `${String(args.workName)} ${i + 1}`, deliver: false });
      out.push(g.contracts[0]!);
    }
    return out;
  },
  /** D-Sure's alarm scan, as the dispatcher's housekeeping runs it every minute (tests/e2e/dsure-alarm.spec.ts). */
  async dsureAlarmScan() {
    const { scanDsureAlarms } = await import("../../../lib/dsure/scan-dsure-alarms");
    return { raised: await scanDsureAlarms({}) };
  },
};

async function main() {
  const [name, rawArgs] = process.argv.slice(2);
  const fixture = name ? fixtures[name] : undefined;
  if (!fixture) throw new Error(`unknown fixture ${name}; known: ${Object.keys(fixtures).join(", ")}`);
  const result = await fixture(rawArgs ? JSON.parse(rawArgs) : {});
  console.log(JSON.stringify(result ?? null, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
  const { disconnectDsureDb } = await import("../../../lib/dsure/db");
  await Promise.all([db.$disconnect(), disconnectDsureDb()]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
