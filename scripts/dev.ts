/**
 * npm run dev — the whole development stack in one command:
 *  - with no DATABASE_URL: the embedded PostgreSQL (PGlite, data in .data/pglite) served over TCP from this process;
 *  - migrations applied, demo data seeded the first time;
 *  - the development SMTP mailbox (shown at /dev/mailbox);
 *  - Next.js in development mode against all of it, behind the app's own HTTP server (server/serve.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, DataDirLockedError, type EmbeddedPostgres } from "./lib/embedded-postgres";
import { DATA_DIR, EMBEDDED_DIR, EMBEDDED_PORT, ROOT } from "./lib/database-url";
import { applyMigrations } from "./lib/migrations";
import { registerExistingCertificatesAt } from "./lib/register-existing-certificates-at";
import { seedIfEmpty } from "../prisma/seed-lib";
import { startDevMailbox } from "./lib/dev-mailbox";
import { appServerArgs } from "./lib/app-server";

async function main() {
  let embedded: EmbeddedPostgres | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: EMBEDDED_DIR, port: EMBEDDED_PORT });
    fs.writeFileSync(path.join(DATA_DIR, "pglite.port"), String(embedded.port));
    url = embedded.url;
    console.log(`[dev] 組み込みデータベース (PGlite) ${EMBEDDED_DIR} → ${url}`);
  }
  const applied = await applyMigrations(url);
  if (applied.length) console.log(`[dev] マイグレーションを適用しました: ${applied.join(", ")}`);
  await registerExistingCertificatesAt(url);
  if (await seedIfEmpty(url)) console.log("[dev] デモデータを投入しました (demo data seeded)");

  const mailbox = process.env.SMTP_URL ? undefined : await startDevMailbox(path.join(DATA_DIR, "mailbox"));
  if (mailbox) console.log(`[dev] 開発用メールボックス smtp://127.0.0.1:${mailbox.port} → http://localhost:3000/dev/mailbox`);

  const child: ChildProcess = spawn(process.execPath, appServerArgs({ dev: true, extra: process.argv.slice(2) }), {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: url,
      ...(mailbox ? { SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, DEV_MAILBOX_DIR: mailbox.dir } : {}),
    },
  });

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await mailbox?.stop();
    await embedded?.stop();
    process.exit(code);
  };
  child.on("exit", (code) => void stop(code ?? 0));
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e) => {
  console.error(e instanceof DataDirLockedError ? e.message : e);
  process.exit(1);
});
