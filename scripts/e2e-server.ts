/**
 * The e2e stack, started by Playwright's webServer: a fresh embedded Postgres (in a temp folder), migrations, demo
 * data, a real SMTP sink, and the production build (`next start`) against them. Its coordinates are written to
 * .data/e2e/state.json for the tests (database URL for fixtures, the folder where received mails land).
 *
 * E2E_CLUSTER=1 (tests/cluster): two `next start` instances (E2E_PORT and E2E_PORT+1) on one database, reached through
 * a TCP relay the tests can cut (scripts/lib/tcp-proxy.ts) from a control server on E2E_PORT+9; with
 * E2E_DATABASE_SERVER=postgresql://… the database is a fresh one made on that real server (dropped at the end)
 * instead of the embedded engine. The cluster also gets an HTTP proxy in front of both instances (E2E_PORT+8,
 * scripts/lib/forwarding-proxy.ts), which they trust through TRUSTED_PROXIES, as they would trust nginx.
 */
import { DEMO_ISSUER, demoIssuerPrivateKeyPem } from "../lib/demo/demo-issuer";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";
import { startSmtpSink } from "./lib/smtp-sink";
import { startTcpProxy, type TcpProxy } from "./lib/tcp-proxy";
import { createScratchDatabase } from "./lib/scratch-database";
import { ROOT } from "./lib/database-url";
import { seed } from "../prisma/seed-lib";
import { createPrismaClient } from "../lib/db";
import { appServerArgs } from "./lib/app-server";
import { startForwardingProxy } from "./lib/forwarding-proxy";

/** The address the cluster's forwarding proxy connects from: the instances trust it (TRUSTED_PROXIES). */
const PROXY_ADDRESS = "127.0.0.2";

export const E2E_STATE_FILE = path.join(ROOT, ".data/e2e/state.json");
/** Everything the Next.js server writes to stdout and stderr, for specs that look for errors it logged. */
export const E2E_SERVER_LOG = path.join(ROOT, ".data/e2e/server.log");

/** A database for this run: a fresh one on E2E_DATABASE_SERVER, or the embedded engine in a temp folder. */
async function startDatabase(work: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = process.env.E2E_DATABASE_SERVER;
  if (!server) return startEmbeddedPostgres({ dataDir: path.join(work, "pglite"), port: 0 });
  return createScratchDatabase({ serverUrl: server, name: `hosho_e2e_${Date.now()}_${process.pid}` });
}

/** The control server of E2E_CLUSTER runs: cut and restore the database relay, and report readiness of every instance. */
function startControl(port: number, relay: TcpProxy, instanceUrls: string[]) {
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET" && url.pathname === "/ready") {
        const ok = await Promise.all(instanceUrls.map((u) => fetch(`${u}/api/health`).then((r) => r.ok, () => false)));
        return send(ok.every(Boolean) ? 200 : 503, { ok });
      }
      if (req.method === "POST" && url.pathname === "/db/down") await relay.down();
      else if (req.method === "POST" && url.pathname === "/db/up") await relay.up();
      else if (req.method === "POST" && url.pathname === "/db/cut-in-transaction") relay.cutInTransaction(Number(url.searchParams.get("insert") ?? 1));
      else if (!(req.method === "GET" && url.pathname === "/db")) return send(404, { error: "unknown" });
      send(200, relay.stats());
    } catch (e) {
      send(500, { error: String(e) });
    }
  });
  server.listen(port, "127.0.0.1");
  return server;
}

async function main() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const cluster = process.env.E2E_CLUSTER === "1";
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-e2e-"));
  const pg = await startDatabase(work);
  await applyMigrations(pg.url);
  const db = createPrismaClient(pg.url, 2);
  await seed(db);
  await db.$disconnect();
  // The app reaches the database through a relay the cluster tests can cut; fixtures and assertions go direct.
  const direct = new URL(pg.url);
  const relay = cluster ? await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) }) : null;
  const appDatabaseUrl = relay ? Object.assign(new URL(pg.url), { port: String(relay.port) }).toString() : pg.url;

  const mailDir = path.join(work, "mail");
  const smtp = await startSmtpSink({ dir: mailDir });
  const baseUrl = `http://localhost:${port}`;
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  const authKeySecret = crypto.randomBytes(32).toString("base64");
  const spki = (key: crypto.KeyObject) => key.export({ type: "spki", format: "pem" }).toString();
  // Test-only secrets, shared with the fixtures the tests run (tests/e2e/support runFixture).
  const serverEnv = {
    DATABASE_URL: pg.url,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AUTH_KEY_SECRET: authKeySecret,
    CERT_SIGNING_PRIVATE_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    // D-Sure's own key (its receipts); the surety derives the pinned public half from it in this one-app layout.
    DSURE_SIGNING_PRIVATE_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    // D-Sure's configuration names two sureties, as in the real registry: us and the demo 東日本建設業保証.
    DSURE_ISSUERS: JSON.stringify([
      { code: "nishi-nihon", name: "西日本建設業保証株式会社", keys: [{ publicKeyPem: spki(publicKey) }] },
      { code: DEMO_ISSUER.code, name: DEMO_ISSUER.name, keys: [{ publicKeyPem: spki(crypto.createPublicKey(demoIssuerPrivateKeyPem(authKeySecret))) }] },
    ]),
    PUBLIC_BASE_URL: baseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_DISPATCHER: "inline",
    // The tests themselves stand in for a proxy on loopback: they pick a client address per test with X-Forwarded-For
    // (so one test's failed logins never block another's). Any other peer is its own client (server/serve.ts). In the
    // cluster, the forwarding proxy (PROXY_ADDRESS) is trusted too.
    TRUSTED_PROXIES: cluster ? `127.0.0.1/32, ::1/128, ${PROXY_ADDRESS}/32` : "127.0.0.1/32, ::1/128",
  };
  fs.mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
  const ports = cluster ? [port, port + 1] : [port];
  const instances = ports.map((p) => `http://localhost:${p}`);
  // Each instance's output is passed on unchanged and copied to a file the specs read (errors, unhandled rejections).
  const logs = ports.map((p, i) => (i === 0 ? E2E_SERVER_LOG : E2E_SERVER_LOG.replace(/\.log$/, `-${p}.log`)));
  const control = relay ? startControl(port + 9, relay, instances) : null;
  // E2E_CLUSTER: an HTTP proxy in front of both instances, as nginx would be (port + 8).
  const proxy = cluster ? await startForwardingProxy({ upstreams: ports, localAddress: PROXY_ADDRESS, listenPort: port + 8 }) : null;
  fs.writeFileSync(
    E2E_STATE_FILE,
    JSON.stringify(
      {
        databaseUrl: pg.url,
        mailDir,
        smtpPort: smtp.port,
        baseUrl,
        serverEnv,
        serverLog: E2E_SERVER_LOG,
        instances,
        logs,
        control: control ? `http://127.0.0.1:${port + 9}` : null,
        proxy: proxy ? `http://127.0.0.1:${proxy.port}` : null,
      },
      null,
      2,
    ),
  );

  // E2E_NEXT_MODE=dev: the development server instead (for /dev/mailbox, which exists only there).
  const dev = process.env.E2E_NEXT_MODE === "dev";
  const logStreams: fs.WriteStream[] = [];
  const children: ChildProcess[] = ports.map((p, i) => {
    const child = spawn(process.execPath, appServerArgs({ dev, port: p }), {
      cwd: ROOT,
      stdio: ["inherit", "pipe", "pipe"],
      env: dev
        ? { ...process.env, NODE_ENV: "development", ...serverEnv, DEV_MAILBOX_DIR: mailDir }
        : { ...process.env, NODE_ENV: "production", ...serverEnv, DATABASE_URL: appDatabaseUrl },
    });
    const log = fs.createWriteStream(logs[i]!, { flags: "w" });
    logStreams.push(log);
    child.stdout!.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      log.write(chunk);
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      log.write(chunk);
    });
    return child;
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    control?.close();
    await proxy?.stop();
    await relay?.stop();
    await smtp.stop();
    await pg.stop();
    for (const l of logStreams) l.end();
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(0);
  };
  for (const c of children) c.on("exit", () => void stop());
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
