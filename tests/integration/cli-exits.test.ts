/**
 * Every CLI entry point the README names finishes by itself (`npm run db:seed` wrote its data, committed and
 * then sat forever on an idle connection on PostgreSQL 15). Each runs as a child process, exactly as a person or a
 * deploy pipeline runs it, against a fresh, empty database: on the server named by TEST_DATABASE_URL (the PostgreSQL 15
 * leg of .ci/run) or else a fresh embedded engine. `npm run worker` runs until told to stop: it must stop on SIGTERM.
 * (`npm run bench` takes tens of minutes and ends with process.exit; it is not run here.)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { startSmtpSink, type SmtpSink } from "../../scripts/lib/smtp-sink";
import { createScratchDatabase } from "../../scripts/lib/scratch-database";

const ROOT = path.resolve(__dirname, "../..");
const LIMIT_MS = 30_000;

let database: { url: string; stop(): Promise<void> };
let url: string;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const server = process.env.TEST_DATABASE_URL;
  database = server
    ? await createScratchDatabase({ serverUrl: server, name: `cli_${process.pid}_${Date.now().toString(36)}` })
    : await startEmbeddedPostgres({});
  url = database.url;
});

afterAll(async () => {
  await database?.stop();
  await smtp?.stop();
});

interface Run {
  timedOut: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  output: string;
}

/** Runs `npm run <script>`; resolves when it and all it started have exited, or — past LIMIT_MS — kills them all. */
function npmRun(script: string, args: string[] = [], opts: { onOutput?: (all: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn("npm", ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: "development", SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_DISPATCHER: "off" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so a hung run is killed with everything it started
    });
    let output = "";
    const collect = (b: Buffer) => {
      output += b.toString();
      opts.onOutput?.(output, child);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, LIMIT_MS);
    // "close", not "exit": it waits until every process holding the output pipes (the script under npm too) is gone.
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, ms: Date.now() - started, output });
    });
  });
}

function expectExited(r: Run) {
  expect(r.timedOut, `did not exit by itself within ${LIMIT_MS / 1000} s (killed); output:\n${r.output}`).toBe(false);
  expect(r.code, r.output).toBe(0);
}

describe("the README's CLI entry points exit by themselves", { timeout: 4 * LIMIT_MS }, () => {
  it("npm run db:migrate applies every migration to an empty database and exits", async () => {
    const r = await npmRun("db:migrate");
    expectExited(r);
    expect(r.output).toContain("適用したマイグレーション");
  });

  it("npm run db:status reports and exits", async () => {
    const r = await npmRun("db:status");
    expectExited(r);
    // Both histories: the surety's and D-Sure's (its own schema, its own _prisma_migrations).
    const applied = { hasMigrationsTable: true, history: null };
    expect(JSON.parse(r.output.slice(r.output.indexOf("{")))).toMatchObject({ surety: applied, dsure: applied });
  });

  it("npm run db:migration with no schema change says so and exits", async () => {
    const r = await npmRun("db:migration", ["cli_exit_probe"]);
    expectExited(r);
    expect(r.output).toContain("スキーマに変更はありません");
  });

  it("npm run db:seed writes the demo data, commits and exits (twice: it is idempotent)", async () => {
    for (let i = 0; i < 2; i++) {
      const r = await npmRun("db:seed");
      expectExited(r);
      expect(r.output).toContain("デモデータを投入しました");
    }
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM "Company"`);
    await c.end();
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it("npm run reconcile compares what was registered with D-Sure and exits", async () => {
    const r = await npmRun("reconcile");
    expectExited(r);
    expect(r.output).toMatch(/照合しました: 保証契約 \d+ 件、不一致 0 件/);
  });

  it("npm run worker stops by itself on SIGTERM", async () => {
    let signalled = false;
    const r = await npmRun("worker", [], {
      onOutput(all, child) {
        if (!signalled && all.includes("開始しました（受け持ち: surety, dsure）")) {
          signalled = true;
          // Only npm's own process, as `docker stop` does to PID 1: npm must pass it on to the worker.
          process.kill(child.pid!, "SIGTERM");
        }
      },
    });
    expect(signalled, r.output).toBe(true);
    expect(r.timedOut, `did not stop within ${LIMIT_MS / 1000} s of SIGTERM; output:\n${r.output}`).toBe(false);
    expect(r.output).toContain("SIGTERM を受信しました");
    expect(r.output).not.toContain("Error");
  });
});
