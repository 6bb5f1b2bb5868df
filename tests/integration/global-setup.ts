/**
 * Migrates ONE template database for the whole integration run; each test file then gets a copy of it
 * (PGlite: a data-dir dump loaded in memory; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../scripts/lib/migrations";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { withDatabaseName } from "../../scripts/lib/scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { kind: "pglite"; dump: string } | { kind: "server"; url: string; name: string };
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `tmpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await applyMigrations(withDatabaseName(serverUrl, name));
    project.provide("dbTemplate", { kind: "server", url: serverUrl, name });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 't\\_${process.pid}\\_%'`);
      for (const r of left.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const embedded = await startEmbeddedPostgres({});
  await applyMigrations(embedded.url);
  // Dump through a second handle on the same in-memory instance is not possible; reopen via the server's db.
  const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hosho-tmpl-")), "template.tar.gz");
  await embedded.dump(dump);
  await embedded.stop();
  project.provide("dbTemplate", { kind: "pglite", dump });
  return async () => {
    fs.rmSync(path.dirname(dump), { recursive: true, force: true });
  };
}
