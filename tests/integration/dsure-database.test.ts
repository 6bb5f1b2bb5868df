/**
 * D-Sure's data is its own (docs/decisions/011): its tables in the Postgres schema `dsure` with their own migration
 * history, in the surety's database by default or in a database of its own (DSURE_DATABASE_URL). An installation from
 * before keeps every certificate it registered, in either layout.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, applyMigrationSet, SURETY_MIGRATIONS } from "../../scripts/lib/migrations";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { createScratchDatabase } from "../../scripts/lib/scratch-database";
import { createPrismaClient } from "@/lib/db";
import { createDsureClient } from "@/lib/dsure/db";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { readChain } from "@/lib/dsure/read-chain";
import { env, resetEnvForTests } from "@/lib/env";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate } from "../support/certificate-fixtures";

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

let n = 0;
/** An empty database: a scratch one on TEST_DATABASE_URL's server, or an embedded engine of its own. */
async function emptyDatabase(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) {
    const d = await createScratchDatabase({ serverUrl: process.env.TEST_DATABASE_URL, name: `dsdb_${process.pid}_${Date.now().toString(36)}_${++n}` });
    stops.push(d.stop);
    return d.url;
  }
  const e = await startEmbeddedPostgres({});
  stops.push(e.stop);
  return e.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const tablesOf = async (url: string, schema: string) =>
  (await query<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [schema])).map((r) => r.t);

/**
 * A database as the version before this one left it: the surety's migrations up to the registration outbox, with
 * D-Sure's tables among the surety's, holding one registered chain, its access log and counters.
 */
async function databaseOfTheOldLayout(): Promise<string> {
  const url = await emptyDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-old-layout-"));
  stops.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const m of fs.readdirSync(SURETY_MIGRATIONS.migrationsDir)) {
    if (m.endsWith("_dsure_apart")) continue;
    fs.cpSync(path.join(SURETY_MIGRATIONS.migrationsDir, m), path.join(dir, m), { recursive: true });
  }
  await applyMigrationSet({ ...SURETY_MIGRATIONS, migrationsDir: dir }, url);
  await query(url, `
    INSERT INTO "DsureCertificate" ("contractNumber", "issuerCode") VALUES ('2024-0000001-8', 'nishi-nihon');
    INSERT INTO "DsureChainEntry" ("id", "issuerCode", "contractNumber", "seq", "kind", "at", "prevHash", "data", "keyId", "signature")
      VALUES (41, 'nishi-nihon', '2024-0000001-8', 1, 'VERSION', now(), NULL, '{"version":1}', 'k1', 'sig1'),
             (42, 'nishi-nihon', '2024-0000001-8', 2, 'KEY', now(), 'h1', '{"keyVerifier":"v"}', 'k1', 'sig2');
    INSERT INTO "DsureAccessLog" ("id", "channel", "outcome", "contractNumber", "contractId", "clientIp")
      VALUES (7, 'PAGE', 'VIEW', '2024-0000001-8', gen_random_uuid(), '203.0.113.1');
    INSERT INTO "DsureRegistrationNonce" ("issuerCode", "nonce", "signedAt") VALUES ('nishi-nihon', 'n-1', now());
    INSERT INTO "ThrottleCounter" ("key", "windowStart", "failures") VALUES ('dsure:ip:203.0.113.9', now(), 2), ('login:id:someone', now(), 1);
  `);
  return url;
}

async function expectTakenOver(dsureUrl: string): Promise<void> {
  const chain = await query<{ id: string; seq: number; kind: string }>(dsureUrl, `SELECT "id"::text, "seq", "kind"::text FROM "dsure"."DsureChainEntry" ORDER BY "seq"`);
  expect(chain).toEqual([{ id: "41", seq: 1, kind: "VERSION" }, { id: "42", seq: 2, kind: "KEY" }]);
  expect(await query(dsureUrl, `SELECT "contractNumber", "issuerCode" FROM "dsure"."DsureCertificate"`)).toEqual([{ contractNumber: "2024-0000001-8", issuerCode: "nishi-nihon" }]);
  // The orderer's view stays on record (for the contractor's 発注者の閲覧); the surety's contract id does not.
  expect(await query(dsureUrl, `SELECT "id"::text, "outcome"::text, "contractNumber" FROM "dsure"."DsureAccessLog"`)).toEqual([{ id: "7", outcome: "VIEW", contractNumber: "2024-0000001-8" }]);
  expect(await query(dsureUrl, `SELECT "nonce" FROM "dsure"."DsureRegistrationNonce"`)).toEqual([{ nonce: "n-1" }]);
  expect(await query(dsureUrl, `SELECT "key", "failures" FROM "dsure"."DsureThrottleCounter"`)).toEqual([{ key: "dsure:ip:203.0.113.9", failures: 2 }]);
  // New entries are numbered after the old ones.
  const [next] = await query<{ id: string }>(dsureUrl, `
    INSERT INTO "dsure"."DsureChainEntry" ("issuerCode", "contractNumber", "seq", "kind", "at", "data", "keyId", "signature")
    VALUES ('nishi-nihon', '2024-0000002-6', 1, 'VERSION', now(), '{}', 'k1', 's') RETURNING "id"::text`);
  expect(Number(next!.id)).toBeGreaterThan(42);
}

describe("D-Sure's own database", () => {
  it("an installation from before, in one database: npm run db:migrate moves D-Sure's records into the schema dsure, loses nothing, and leaves no D-Sure table among the surety's", async () => {
    const url = await databaseOfTheOldLayout();
    const applied = await applyMigrations(url);
    expect(applied).toEqual(["dsure/20261207180000_dsure_registry", "dsure/20261207201204_key_opening", "20261207180100_dsure_apart"]);
    await expectTakenOver(url);
    expect((await tablesOf(url, "public")).filter((t) => t.startsWith("Dsure"))).toEqual([]);
    expect(await query(url, `SELECT "key" FROM "ThrottleCounter"`)).toEqual([{ key: "login:id:someone" }]);
    // Two histories, each in its own schema.
    expect(await query(url, `SELECT count(*)::int AS n FROM "dsure"."_prisma_migrations"`)).toEqual([{ n: 2 }]);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("the same installation moving D-Sure to a database of its own (DSURE_DATABASE_URL): the records land there, and neither database holds the other's tables", async () => {
    const url = await databaseOfTheOldLayout();
    const dsureUrl = await emptyDatabase();
    expect(await applyMigrations(url, { dsureUrl })).toEqual(["dsure/20261207180000_dsure_registry", "dsure/20261207201204_key_opening", "20261207180100_dsure_apart"]);
    await expectTakenOver(dsureUrl);
    expect(await tablesOf(url, "dsure")).toEqual([]);
    expect((await tablesOf(url, "public")).filter((t) => t.startsWith("Dsure"))).toEqual([]);
    expect(await tablesOf(dsureUrl, "public")).toEqual([]);
    expect(await applyMigrations(url, { dsureUrl })).toEqual([]);
  });

  it("each side migrates only its own history (APP_ROLES), and a surety-only migration refuses to drop D-Sure records it cannot move", async () => {
    const old = await databaseOfTheOldLayout();
    await expect(applyMigrations(old, { roles: ["surety"] })).rejects.toThrow(/以前の版の D-Sure の記録が残っています/);
    expect(await query(old, `SELECT count(*)::int AS n FROM public."DsureChainEntry"`)).toEqual([{ n: 2 }]);

    const suretyOnly = await emptyDatabase();
    const dsureOnly = await emptyDatabase();
    expect((await applyMigrations(suretyOnly, { roles: ["surety"] })).some((n) => n.startsWith("dsure/"))).toBe(false);
    expect(await applyMigrations(dsureOnly, { roles: ["dsure"] })).toEqual(["dsure/20261207180000_dsure_registry", "dsure/20261207201204_key_opening"]);
    expect(await tablesOf(suretyOnly, "dsure")).toEqual([]);
    expect(await tablesOf(dsureOnly, "public")).toEqual([]);
  });

  it("with D-Sure on its own database, a conclusion registers there and opens on D-Sure; a change written into the surety's database changes nothing D-Sure shows", async () => {
    const url = await emptyDatabase();
    const dsureUrl = await emptyDatabase();
    await applyMigrations(url, { dsureUrl });
    const surety = createPrismaClient(url, 3);
    const dsure = createDsureClient(dsureUrl, 3);
    const saved = { DATABASE_URL: process.env.DATABASE_URL, DSURE_DATABASE_URL: process.env.DSURE_DATABASE_URL };
    // The app as configured for this layout (the in-process registry opens DSURE_DATABASE_URL).
    process.env.DATABASE_URL = url;
    process.env.DSURE_DATABASE_URL = dsureUrl;
    resetEnvForTests();
    try {
      await seed(surety);
      const cert = await createConcludedCertificate(surety);
      expect(await readChain(dsure, { issuerCode: env().SURETY_ISSUER_CODE, contractNumber: cert.contractNumber })).toHaveLength(2);
      // Nothing of D-Sure's in the surety's database.
      expect(await tablesOf(url, "dsure")).toEqual([]);

      const look = () => lookupCertificate({ db: dsure, contractNumber: cert.contractNumber, authKey: cert.authKey, clientIp: "203.0.113.40", userAgent: "t", channel: "API" });
      const before = await look();
      if (!before.ok) throw new Error(`look-up failed: ${JSON.stringify(before)}`);
      await surety.$executeRaw`UPDATE "GuaranteeContract" SET "status" = 'CANCELLED' WHERE "contractNumber" = ${cert.contractNumber}`;
      await surety.$executeRaw`UPDATE "CertificateVersion" SET "content" = jsonb_set("content", '{work,name}', '"書き換えた工事名"')`;
      await surety.$executeRaw`UPDATE "AuthKey" SET "revokedAt" = now()`;
      const after = await look();
      if (!after.ok) throw new Error(`look-up failed: ${JSON.stringify(after)}`);
      expect(after.view.current).toEqual(before.view.current);
      expect(after.view.lifecycleStatus).toBe(before.view.lifecycleStatus);
      expect(after.view.lifecycleStatus).not.toBe("CANCELLED");
    } finally {
      Object.assign(process.env, saved);
      if (saved.DSURE_DATABASE_URL === undefined) delete process.env.DSURE_DATABASE_URL;
      resetEnvForTests();
      await Promise.all([surety.$disconnect(), dsure.$disconnect()]);
    }
  });
});
