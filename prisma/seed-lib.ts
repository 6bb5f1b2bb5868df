/**
 * Demo data for development (DOMAIN.md §10). Idempotent: every row is upserted by a natural key and existing rows
 * are left as they are, so a second run changes nothing.
 */
import type { PrismaClient } from "../lib/generated/prisma/client";
import { createPrismaClient, disconnectDb } from "../lib/db";
import { hashPassword } from "../lib/auth/password";

export const DEMO_PASSWORD = "demo-pass-2024";

const KAGOSHIMA_DEPARTMENTS = [
  { name: "財政局 財産管理部 契約課", email: "keiyaku@city-kagoshima.example.jp" },
  { name: "建設局 道路部 道路建設課", email: "doro-kensetsu@city-kagoshima.example.jp" },
  { name: "建設局 建築部 建築課", email: "kenchiku@city-kagoshima.example.jp" },
  { name: "環境局 環境部 環境政策課", email: "kankyo@city-kagoshima.example.jp" },
];

export async function seed(db: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // 発注者
  const kagoshima = await db.orderer.upsert({
    where: { code: "kagoshima-city" },
    update: {},
    create: { code: "kagoshima-city", name: "鹿児島市" },
  });
  for (const d of KAGOSHIMA_DEPARTMENTS) {
    await db.ordererDepartment.upsert({
      where: { ordererId_name: { ordererId: kagoshima.id, name: d.name } },
      update: {},
      create: { ordererId: kagoshima.id, ...d },
    });
  }
  await db.electronicDeliveryRule.upsert({
    where: { ordererId: kagoshima.id },
    update: {},
    create: {
      ordererId: kagoshima.id,
      acceptsElectronic: true,
      startDate: new Date("2024-12-01T00:00:00Z"),
      workCategories: ["CONSTRUCTION", "CONSULTING"],
      guaranteeTypes: ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT"],
      keySubmissionMethod: "EMAIL",
      keySubmissionNote:
        "認証キー等のお知らせ（PDF）を鹿児島市の各担当課へ電子メールでご提出ください。契約保証は契約課へ、前払金保証は工事担当課へ提出するのが通例です。送付先は各担当課にご確認ください。",
      mailSubjectTemplate: "【{guaranteeType}】{workName}",
    },
  });

  const paperTown = await db.orderer.upsert({
    where: { code: "sample-town" },
    update: {},
    create: { code: "sample-town", name: "サンプル町" },
  });
  await db.ordererDepartment.upsert({
    where: { ordererId_name: { ordererId: paperTown.id, name: "総務課" } },
    update: {},
    create: { ordererId: paperTown.id, name: "総務課", email: "somu@town-sample.example.jp" },
  });
  await db.electronicDeliveryRule.upsert({
    where: { ordererId: paperTown.id },
    update: {},
    create: {
      ordererId: paperTown.id,
      acceptsElectronic: false,
      workCategories: [],
      guaranteeTypes: [],
      keySubmissionMethod: "PAPER_PRINTOUT",
      keySubmissionNote: "サンプル町は書面の保証証書のみ受け付けています。",
    },
  });

  // 請負者
  const companies = [
    {
      customerId: "demo-kensetsu",
      company: {
        name: "株式会社サンプル建設",
        representative: "代表取締役 鹿児島 太郎",
        address: "鹿児島県鹿児島市山下町11番1号",
        licenseNumber: "鹿児島県知事許可（特-6）第12345号",
        email: "info@sample-kensetsu.example.jp",
        phone: "099-000-0001",
        lumpSumPayment: true,
      },
      user: { name: "薩摩 花子", email: "hanako@sample-kensetsu.example.jp" },
    },
    {
      customerId: "demo-doboku",
      company: {
        name: "有限会社テスト土木",
        representative: "取締役 桜島 次郎",
        address: "鹿児島県鹿児島市東郡元町1番1号",
        licenseNumber: "鹿児島県知事許可（般-6）第67890号",
        email: "office@test-doboku.example.jp",
        phone: "099-000-0002",
        lumpSumPayment: false,
      },
      user: { name: "大隅 三郎", email: "saburo@test-doboku.example.jp" },
    },
  ];
  for (const c of companies) {
    const existing = await db.contractorUser.findUnique({ where: { customerId: c.customerId } });
    if (existing) continue;
    const company = await db.company.create({ data: c.company });
    await db.contractorUser.create({
      data: { companyId: company.id, customerId: c.customerId, passwordHash, ...c.user },
    });
  }

  // 保証会社の職員
  const staff = [
    { staffId: "staff-tanto", name: "審査 一郎", role: "REVIEWER" as const },
    { staffId: "staff-shonin", name: "承認 二郎", role: "APPROVER" as const },
    { staffId: "staff-admin", name: "管理 三郎", role: "ADMIN" as const },
    // A second システム管理者: a role grant by one takes effect only when the other approves it.
    { staffId: "staff-kanri", name: "管理 四郎", role: "ADMIN" as const },
  ];
  for (const s of staff) {
    await db.staffUser.upsert({
      where: { staffId: s.staffId },
      update: {},
      create: { ...s, email: `${s.staffId}@surety.example.jp`, passwordHash },
    });
  }

  // 料率表: 中間前払金保証 is the published flat 0.065 %; the others are clearly labelled samples.
  const tables = [
    {
      guaranteeType: "INTERMEDIATE_ADVANCE" as const,
      name: "中間前払金保証料率（0.065%）",
      isSample: false,
      bands: [{ upTo: null, ratePpm: 650 }],
    },
    {
      guaranteeType: "ADVANCE_PAYMENT" as const,
      name: "前払金保証料率 サンプル料率",
      isSample: true,
      bands: [
        { upTo: 10_000_000n, ratePpm: 1_000 },
        { upTo: 100_000_000n, ratePpm: 800 },
        { upTo: 1_000_000_000n, ratePpm: 600 },
        { upTo: null, ratePpm: 400 },
      ],
    },
    {
      guaranteeType: "CONTRACT" as const,
      name: "契約保証料率 サンプル料率",
      isSample: true,
      bands: [
        { upTo: 10_000_000n, ratePpm: 500 },
        { upTo: 100_000_000n, ratePpm: 400 },
        { upTo: null, ratePpm: 300 },
      ],
    },
  ];
  for (const t of tables) {
    const effectiveFrom = new Date("2024-04-01T00:00:00Z");
    const found = await db.rateTable.findUnique({
      where: { guaranteeType_effectiveFrom: { guaranteeType: t.guaranteeType, effectiveFrom } },
    });
    if (found) continue;
    await db.rateTable.create({
      data: {
        guaranteeType: t.guaranteeType,
        name: t.name,
        isSample: t.isSample,
        effectiveFrom,
        roundingUnit: 1,
        roundingMode: "FLOOR",
        minimumFee: 0,
        bands: { create: t.bands.map((b, i) => ({ ordinal: i, upTo: b.upTo, ratePpm: b.ratePpm })) },
      },
    });
  }
}

/**
 * The base seed plus demo guarantees (DOMAIN.md §10: a concluded 前払金保証 with 契約保証, an application waiting for
 * review, a returned one, a 第2版 after 増額), made through the real domain functions — which write through lib/db,
 * so DATABASE_URL is pointed at `databaseUrl` first — and the demo second surety's certificate at D-Sure.
 */
export async function seedWithDemoData(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const db = createPrismaClient(databaseUrl, 2);
  try {
    await seed(db);
    const { seedDemoGuarantees } = await import("../lib/demo/seed-demo-guarantees");
    await seedDemoGuarantees(db);
    // The demo second surety registers its own certificate at D-Sure, with its own key.
    const { seedDemoIssuerCertificates } = await import("../lib/demo/seed-demo-issuer-certificates");
    for (const c of await seedDemoIssuerCertificates({})) {
      console.log(
        `D-Sure のデモ（${c.issuerName}の電子証書）: 保証契約番号 ${c.contractNumber} 認証キー ${c.authKey}` +
          (c.noticePath ? `\n  認証キー等のお知らせ: ${c.noticePath}` : ""),
      );
    }
  } finally {
    await db.$disconnect();
    await disconnectDb();
  }
}

/** Seeds when the database holds no company yet (the first start); returns whether it seeded. */
export async function seedIfEmpty(databaseUrl: string): Promise<boolean> {
  const db = createPrismaClient(databaseUrl, 2);
  try {
    if ((await db.company.count()) > 0) return false;
  } finally {
    await db.$disconnect();
  }
  await seedWithDemoData(databaseUrl);
  return true;
}
