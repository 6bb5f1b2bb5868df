/**
 * npm run bench:lookup — where a D-Sure look-up spends its time, in-process (no HTTP): the cost of one round trip
 * through the pg driver, through Prisma ($queryRaw, a simple findUnique) and of the whole lookupCertificate, measured
 * one after another (latency) and 32 at a time (throughput). On DATABASE_URL, or on the embedded engine (which then
 * runs in this process) when it is not set.
 *
 * Settings: LOOKUP_BENCH_ITERATIONS (sequential calls per figure, 1000), BENCH_CONNECTIONS (concurrency, 32).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";
import { prepareBenchDatabase } from "./lib/bench-setup";

const N = Number(process.env.LOOKUP_BENCH_ITERATIONS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 32);

async function sequential(name: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(200, N); i++) await fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await fn();
  const us = Number(process.hrtime.bigint() - t) / 1e3 / N;
  console.log(`${name.padEnd(48)} ${us.toFixed(0).padStart(6)} µs/call (one at a time)`);
}

async function concurrent(name: string, fn: () => Promise<unknown>) {
  let left = N * 2;
  const worker = async () => {
    while (left-- > 0) await fn();
  };
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / (N * 2);
  console.log(`${name.padEnd(48)} ${((N * 2) / s).toFixed(0).padStart(6)} calls/s (${CONCURRENCY} at a time), this process's CPU ${cpuUs.toFixed(0)} µs/call`);
}

async function main() {
  let embedded: EmbeddedPostgres | undefined;
  let url = process.env.DATABASE_URL;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-lookup-bench-"));
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(work, "pglite"), port: 0 });
    url = embedded.url;
  }
  console.log(`database: ${embedded ? "embedded PGlite (in this process, over TCP)" : "DATABASE_URL"}`);
  await applyMigrations(url);

  const { db, sample } = await prepareBenchDatabase(url, 10);

  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const { lookupCertificate } = await import("../lib/dsure/lookup-certificate");
  const { createDsureClient } = await import("../lib/dsure/db");
  const dsure = createDsureClient(url, 10);
  const lookup = () =>
    lookupCertificate({ db: dsure, contractNumber: sample.contractNumber, authKey: sample.authKey, clientIp: "192.0.2.1", userAgent: "bench", channel: "API" }).then((r) => {
      if (!r.ok) throw new Error(`look-up failed: ${JSON.stringify(r)}`);
    });

  // app/api/bare's POST, written out (its module needs Next.js's runtime for notFound()).
  const { readBodyText } = await import("../lib/http/read-body-text");
  const barePost = async (req: Request) => {
    if (new URL(req.url).searchParams.get("read") === "1") await readBodyText(req, 4096);
    return Response.json({ status: "ok", service: "電子保証" });
  };
  const { POST: lookupPost } = await import("../app/api/dsure/v1/lookup/route");
  const lookupBody = JSON.stringify({ contractNumber: sample.contractNumber, authKey: sample.authKey });
  const request = (url: string, body: string) =>
    new Request(url, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.2" }, body });
  const expectOk = async (res: Response) => {
    if (res.status !== 200) throw new Error(`look-up answered ${res.status}`);
    await res.arrayBuffer();
  };

  const cases: [string, () => Promise<unknown>][] = [
    ["pg Pool: SELECT 1", () => pool.query("SELECT 1")],
    ["Prisma $queryRaw: SELECT 1", () => db.$queryRaw`SELECT 1`],
    ["Prisma findUnique contract (no relations)", () => db.guaranteeContract.findUnique({ where: { contractNumber: sample.contractNumber }, select: { id: true } })],
    ["Prisma dsureAccessLog.create", () => dsure.dsureAccessLog.create({ data: { channel: "API", outcome: "VIEW", contractNumber: "x", clientIp: "x" }, select: { id: true } })],
    ["lookupCertificate (success)", lookup],
    // The route handlers themselves (no HTTP, no framework): what the API look-up adds to a bare handler's work.
    ["route handler: bare POST", () => barePost(request("http://localhost/api/bare", "{}"))],
    ["route handler: bare POST reading the body", () => barePost(request("http://localhost/api/bare?read=1", lookupBody))],
    ["route handler: API look-up", () => lookupPost(request("http://localhost/api/dsure/v1/lookup", lookupBody)).then(expectOk)],
  ];
  for (const [name, fn] of cases) await sequential(name, fn);
  for (const [name, fn] of cases) await concurrent(name, fn);

  await pool.end();
  await Promise.all([db.$disconnect(), dsure.$disconnect()]);
  await embedded?.stop();
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
