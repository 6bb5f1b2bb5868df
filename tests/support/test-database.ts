/**
 * A fresh database for one integration test file: an in-memory embedded Postgres (default) or — when
 * TEST_DATABASE_URL is set — a scratch database created on that server from a migrated template.
 */
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { createScratchDatabase } from "../../scripts/lib/scratch-database";

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function createTestDatabase(template: { kind: "pglite"; dump: string } | { kind: "server"; url: string; name: string }): Promise<TestDatabase> {
  if (template.kind === "server") {
    const name = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    return createScratchDatabase({ serverUrl: template.url, name, template: template.name });
  }
  const fs = await import("node:fs");
  const { PGlite } = await import("@electric-sql/pglite");
  const { socketServer } = await import("../../scripts/lib/embedded-postgres");
  const blob = new Blob([fs.readFileSync(template.dump)]);
  const db = await PGlite.create({ loadDataDir: blob });
  const server = socketServer(db);
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

export type { EmbeddedPostgres };
export { startEmbeddedPostgres };
