import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, DataDirLockedError } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../../scripts/lib/migrations";
import pg from "pg";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-embedded-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("embedded Postgres (PGlite served over TCP)", () => {
  it("refuses a second process on the same data folder, with a clear message, and keeps the data", async () => {
    const dataDir = path.join(tmp, "pglite");
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      const c = new pg.Client({ connectionString: first.url });
      await c.connect();
      await c.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('残る')");
      await c.end();

      const second = spawnSync(
        process.execPath,
        ["--import", "tsx", "--conditions=react-server", path.resolve(__dirname, "../../scripts/db-server.ts")],
        { env: { ...process.env, EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: "0" }, encoding: "utf8", timeout: 60_000 },
      );
      expect(second.status).toBe(1);
      expect(second.stderr).toContain("別のプロセス");
      expect(second.stderr).toContain(String(process.pid));

      // The same process cannot open it twice either.
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.stop();
    }
    // After the owner stops, the folder opens again and the data survived.
    const again = await startEmbeddedPostgres({ dataDir, port: 0 });
    const c = new pg.Client({ connectionString: again.url });
    await c.connect();
    expect((await c.query("SELECT v FROM kept")).rows).toEqual([{ v: "残る" }]);
    await c.end();
    await again.stop();
  });
});

describe("migrations", () => {
  it("apply to an empty database, and a second run applies nothing", async () => {
    let url: string;
    let stop: () => Promise<void>;
    if (process.env.TEST_DATABASE_URL) {
      const name = `mig_${process.pid}_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const u = new URL(process.env.TEST_DATABASE_URL);
      u.pathname = `/${name}`;
      url = u.toString();
      stop = async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
    } else {
      const e = await startEmbeddedPostgres({});
      url = e.url;
      stop = e.stop;
    }
    try {
      const dirsIn = (folder: string) =>
        fs.readdirSync(path.resolve(__dirname, "../..", folder), { withFileTypes: true }).filter((d) => d.isDirectory()).length;
      // Both histories: D-Sure's (in its own schema) and the surety's.
      const migrationDirs = dirsIn("prisma/migrations") + dirsIn("prisma/dsure/migrations");
      const first = await applyMigrations(url);
      expect(first.length).toBe(migrationDirs);
      expect(await applyMigrations(url)).toEqual([]);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const tables = (await c.query("SELECT CASE schemaname WHEN 'public' THEN '' ELSE schemaname || '.' END || tablename AS t FROM pg_tables WHERE schemaname IN ('public', 'dsure')")).rows.map((r) => r.t);
      await c.end();
      for (const t of ["Company", "ContractorUser", "GuaranteeApplication", "GuaranteeContract", "CertificateVersion", "AuthKey", "MailOutbox", "AuditLog", "dsure.DsureAccessLog", "dsure.DsureChainEntry", "ThrottleCounter", "RateTable", "ChangeRequest"]) {
        expect(tables).toContain(t);
      }
      // D-Sure's tables are its own: none is left among the surety's.
      expect(tables.filter((t: string) => t.startsWith("Dsure"))).toEqual([]);
    } finally {
      await stop();
    }
  });
});
