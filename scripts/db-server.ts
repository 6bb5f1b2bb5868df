/** npm run db:server — serve the embedded database (.data/pglite) on EMBEDDED_DB_PORT (5433) until stopped. */
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, DataDirLockedError } from "./lib/embedded-postgres";
import { DATA_DIR, EMBEDDED_DIR, EMBEDDED_PORT } from "./lib/database-url";

async function main() {
  const pg = await startEmbeddedPostgres({ dataDir: EMBEDDED_DIR, port: EMBEDDED_PORT });
  fs.writeFileSync(path.join(DATA_DIR, "pglite.port"), String(pg.port));
  console.log(`embedded PostgreSQL (PGlite) serving ${EMBEDDED_DIR} at ${pg.url}`);
  const stop = async () => {
    await pg.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e instanceof DataDirLockedError ? e.message : e);
  process.exit(1);
});
