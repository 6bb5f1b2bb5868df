/**
 * The e2e stack, started by Playwright's webServer: a fresh embedded Postgres (in a temp folder), migrations, demo
 * data, a real SMTP sink, and the production build (`next start`) against them. Its coordinates are written to
 * .data/e2e/state.json for the tests (database URL for fixtures, the folder where received mails land).
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";
import { startSmtpSink } from "./lib/smtp-sink";
import { ROOT } from "./lib/database-url";
import { seed } from "../prisma/seed-lib";
import { createPrismaClient } from "../lib/db";

export const E2E_STATE_FILE = path.join(ROOT, ".data/e2e/state.json");
/** Everything the Next.js server writes to stdout and stderr, for specs that look for errors it logged. */
export const E2E_SERVER_LOG = path.join(ROOT, ".data/e2e/server.log");

async function main() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-e2e-"));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(work, "pglite"), port: 0 });
  await applyMigrations(pg.url);
  const db = createPrismaClient(pg.url, 2);
  await seed(db);
  await db.$disconnect();

  const mailDir = path.join(work, "mail");
  const smtp = await startSmtpSink({ dir: mailDir });
  const baseUrl = `http://localhost:${port}`;
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  // Test-only secrets, shared with the fixtures the tests run (tests/e2e/support runFixture).
  const serverEnv = {
    DATABASE_URL: pg.url,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AUTH_KEY_SECRET: crypto.randomBytes(32).toString("base64"),
    CERT_SIGNING_PRIVATE_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    PUBLIC_BASE_URL: baseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_DISPATCHER: "inline",
  };
  fs.mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
  fs.writeFileSync(
    E2E_STATE_FILE,
    JSON.stringify({ databaseUrl: pg.url, mailDir, smtpPort: smtp.port, baseUrl, serverEnv, serverLog: E2E_SERVER_LOG }, null, 2),
  );
  const log = fs.createWriteStream(E2E_SERVER_LOG, { flags: "w" });

  // E2E_NEXT_MODE=dev: the development server instead (for /dev/mailbox, which exists only there).
  const dev = process.env.E2E_NEXT_MODE === "dev";
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), dev ? "dev" : "start", "-p", String(port)], {
    cwd: ROOT,
    // Piped rather than inherited: passed on unchanged, and also copied to E2E_SERVER_LOG.
    stdio: ["inherit", "pipe", "pipe"],
    env: dev
      ? { ...process.env, NODE_ENV: "development", ...serverEnv, DEV_MAILBOX_DIR: mailDir }
      : { ...process.env, NODE_ENV: "production", ...serverEnv },
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    log.write(chunk);
  });
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await smtp.stop();
    await pg.stop();
    log.end();
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(0);
  };
  child.on("exit", () => void stop());
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
