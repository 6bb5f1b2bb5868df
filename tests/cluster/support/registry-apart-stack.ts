/**
 * The two parties apart, for tests/cluster/registry-apart.spec.ts: the surety's app (APP_ROLES=surety) and D-Sure
 * (APP_ROLES=dsure) as two `next start` processes of the same build, each on a database of its own (fresh ones on
 * E2E_DATABASE_SERVER, else two embedded engines), with a real SMTP sink. The surety reaches D-Sure only at DSURE_URL.
 *
 * Run with tsx; prints one JSON line with the coordinates, then serves a control endpoint:
 *   POST /dsure/stop, POST /dsure/start  (D-Sure's process, as an operator would stop and start it)
 * and stops everything on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../../../scripts/lib/migrations";
import { startSmtpSink } from "../../../scripts/lib/smtp-sink";
import { createScratchDatabase } from "../../../scripts/lib/scratch-database";
import { appServerArgs } from "../../../scripts/lib/app-server";
import { ROOT } from "../../../scripts/lib/database-url";
import { seed } from "../../../prisma/seed-lib";
import { createPrismaClient } from "../../../lib/db";

async function database(work: string, name: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = process.env.E2E_DATABASE_SERVER;
  if (!server) return startEmbeddedPostgres({ dataDir: path.join(work, name), port: 0 });
  return createScratchDatabase({ serverUrl: server, name: `hosho_${name}_${Date.now()}_${process.pid}` });
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}: not healthy after 120 s`);
}

async function main() {
  const basePort = Number(process.env.REGISTRY_APART_PORT ?? 3300);
  const [suretyPort, dsurePort] = [basePort, basePort + 1];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-apart-"));
  const suretyDb = await database(work, "surety");
  const dsureDb = await database(work, "dsure");
  // Each party's database holds its own tables only.
  await applyMigrations(suretyDb.url, { dsureUrl: dsureDb.url });
  const db = createPrismaClient(suretyDb.url, 2);
  await seed(db);
  await db.$disconnect();

  const smtp = await startSmtpSink({ dir: path.join(work, "mail") });
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  // D-Sure's own key: it signs D-Sure's receipts; the surety pins its public half (DSURE_PUBLIC_KEY).
  const registryKeys = crypto.generateKeyPairSync("ed25519");
  const suretyUrl = `http://localhost:${suretyPort}`;
  const dsureUrl = `http://localhost:${dsurePort}`;
  const shared = { NODE_ENV: "production", TRUSTED_PROXIES: "127.0.0.1/32, ::1/128" };
  const suretyEnv = {
    ...shared,
    // The surety's secrets are the surety's alone: D-Sure gets none of them, only the public key below.
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AUTH_KEY_SECRET: crypto.randomBytes(32).toString("base64"),
    CERT_SIGNING_PRIVATE_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    APP_ROLES: "surety",
    DATABASE_URL: suretyDb.url,
    DSURE_URL: dsureUrl,
    DSURE_PUBLIC_KEY: registryKeys.publicKey.export({ type: "spki", format: "pem" }).toString(),
    PUBLIC_BASE_URL: suretyUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_DISPATCHER: "inline",
  };
  const dsureEnv = {
    ...shared,
    APP_ROLES: "dsure",
    // D-Sure alone: its own database is all it has (DATABASE_URL is only its health probe's).
    DATABASE_URL: dsureDb.url,
    DSURE_DATABASE_URL: dsureDb.url,
    PUBLIC_BASE_URL: dsureUrl,
    DSURE_SIGNING_PRIVATE_KEY: registryKeys.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    // D-Sure's configuration: the issuers it trusts, each with its public key; no private key of anyone's.
    DSURE_ISSUERS: JSON.stringify([
      { code: "nishi-nihon", name: "西日本建設業保証株式会社", keys: [{ publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() }] },
    ]),
  };

  const logs = fs.createWriteStream(path.join(ROOT, ".data/e2e/registry-apart.log"), { flags: "w" });
  const start = (port: number, env: Record<string, string>, label: string) => {
    const child = spawn(process.execPath, appServerArgs({ port }), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    child.stdout!.on("data", (c: Buffer) => logs.write(`[${label}] ${c}`));
    child.stderr!.on("data", (c: Buffer) => logs.write(`[${label}] ${c}`));
    return child;
  };
  const surety = start(suretyPort, suretyEnv, "surety");
  let dsure: ChildProcess | null = start(dsurePort, dsureEnv, "dsure");
  await Promise.all([waitHealthy(suretyUrl, surety), waitHealthy(dsureUrl, dsure)]);

  const stopDsure = async () => {
    const child = dsure;
    dsure = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  const control = http.createServer(async (req, res) => {
    try {
      if (req.method === "POST" && req.url === "/dsure/stop") await stopDsure();
      else if (req.method === "POST" && req.url === "/dsure/start") {
        if (!dsure) {
          dsure = start(dsurePort, dsureEnv, "dsure");
          await waitHealthy(dsureUrl, dsure);
        }
      } else {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ok: true }));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((r) => control.listen(0, "127.0.0.1", r));
  const controlPort = (control.address() as { port: number }).port;

  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    control.close();
    await stopDsure();
    if (surety.exitCode === null) {
      const exited = new Promise((r) => surety.once("exit", r));
      surety.kill("SIGTERM");
      await exited;
    }
    await smtp.stop();
    await suretyDb.stop();
    await dsureDb.stop();
    logs.end();
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stopAll());
  process.on("SIGINT", () => void stopAll());
  surety.on("exit", () => void stopAll());

  console.log(
    JSON.stringify({
      suretyUrl,
      dsureUrl,
      suretyDatabaseUrl: suretyDb.url,
      dsureDatabaseUrl: dsureDb.url,
      control: `http://127.0.0.1:${controlPort}`,
      mailDir: path.join(work, "mail"),
      suretyEnv,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
