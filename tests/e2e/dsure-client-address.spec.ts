/**
 * With no trusted proxy configured, X-Forwarded-For is the client's own invention: the production server in front of
 * Next.js (server/serve.ts) counts the socket's address, however many addresses a client claims. Its own instance of
 * the production build, started here with TRUSTED_PROXIES empty (the e2e server trusts loopback on purpose).
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { expect, test } from "./support/test";
import { e2eState, sql } from "./support";
import { dammCheckDigit } from "../../lib/contract-number/damm";

const ROOT = path.resolve(__dirname, "../..");
let server: ChildProcess | undefined;
let base = "";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  server = spawn(process.execPath, [path.join(ROOT, "server/start.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, ...e2eState().serverEnv, NODE_ENV: "production", MAIL_DISPATCHER: "off", TRUSTED_PROXIES: "" },
  });
  base = `http://127.0.0.1:${port}`;
  await expect.poll(() => fetch(`${base}/api/health`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
});

/** A POST from the loopback address `from`, claiming to be `claimed` in X-Forwarded-For. */
function post(from: string, claimed: string, body: unknown): Promise<number> {
  const url = new URL(`${base}/api/dsure/v1/lookup`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname, port: Number(url.port), path: url.pathname, method: "POST", localAddress: from, agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), "x-forwarded-for": claimed, "x-real-ip": claimed },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

test("40 wrong keys from one socket, each with a different invented X-Forwarded-For, are one client: refused past its limit", async () => {
  const digits = `2032${String(Date.now() % 10_000_000).padStart(7, "0")}`;
  const number = `${digits.slice(0, 4)}-${digits.slice(4)}-${dammCheckDigit(digits)}`;
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) {
    statuses.push(await post("127.0.0.3", `198.18.${Math.floor(i / 200)}.${(i % 200) + 1}`, { contractNumber: number, authKey: "ABCD-EFGH-JKMN-PQRS" }));
  }
  expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
  expect(statuses.slice(5).every((s) => s === 429), statuses.join(" ")).toBe(true);
  const logged = await sql<{ clientIp: string; n: number }>(`SELECT "clientIp", count(*)::int AS n FROM "dsure"."DsureAccessLog" WHERE "contractNumber" = $1 GROUP BY 1`, [number]);
  expect(logged).toEqual([{ clientIp: "127.0.0.3", n: 40 }]);
});
