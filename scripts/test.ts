/**
 * npm test — every tier: unit (no database), integration (a fresh embedded Postgres per file, or the server named
 * by TEST_DATABASE_URL), e2e (Playwright + Chromium against the production build), and cluster (two instances on one
 * database behind a relay the tests cut: tests/cluster). Prints one total line. Tiers can be named: `… test.ts cluster`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib/database-url";
import { ensureChromium } from "./lib/chromium";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function vitest(project: string) {
  const out = path.join(tmp, `${project}.json`);
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    { cwd: ROOT, stdio: "inherit", env: process.env },
  );
  if (r.status !== 0) ok = false;
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, "utf8"));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    console.log(`[test] ${project}: ${j.numPassedTests} passed, ${j.numFailedTests} failed`);
  } else ok = false;
}

function e2e(mode: "production" | "dev" | "cluster", specs: string[] = []) {
  const out = path.join(tmp, `e2e-${mode}.json`);
  const cluster = mode === "cluster"
    ? // Two instances on one database; on TEST_DATABASE_URL's server when set (a fresh database there), else embedded.
      { E2E_CLUSTER: "1", E2E_NEXT_MODE: "production", E2E_DATABASE_SERVER: process.env.TEST_DATABASE_URL ?? "", E2E_SKIP_BUILD: process.env.E2E_SKIP_BUILD ?? (ran.production ? "1" : "0") }
    : { E2E_NEXT_MODE: mode };
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "scripts/e2e.ts"), "--reporter=list,json", ...specs], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out, ...cluster },
  });
  ran[mode] = true;
  if (r.status !== 0) ok = false;
  if (fs.existsSync(out)) {
    const s = JSON.parse(fs.readFileSync(out, "utf8")).stats;
    totals.passed += s.expected;
    totals.failed += s.unexpected + (s.flaky ?? 0);
    totals.skipped += s.skipped;
    console.log(`[test] e2e (${mode}): ${s.expected} passed, ${s.unexpected} failed`);
  } else ok = false;
}

const ran: Partial<Record<"production" | "dev" | "cluster", boolean>> = {};
const only = process.argv.slice(2);
if (!only.length || only.includes("unit")) vitest("unit");
if (!only.length || only.includes("integration")) vitest("integration");
// The browser tiers need Chromium: found, or installed once here when this process may (root on Debian), before any
// of them starts; when it cannot be had, each browser tier fails with the reason printed once, here.
const browserTiers = !only.length || only.includes("e2e") || only.includes("cluster");
const chromium = browserTiers ? ensureChromium() : null;
if (browserTiers && !chromium) ok = false;
if (chromium && (!only.length || only.includes("e2e"))) e2e("production");
// Two instances and database faults (tests/cluster), on the same build; .ci/run runs them again on PostgreSQL 15.
if (chromium && (!only.length || only.includes("cluster"))) e2e("cluster");
// /dev/mailbox exists only under `next dev`: its spec runs once more against the development server, and so does the
// spec that opens every form page with the console watched (React prints its warnings only in development).
if (chromium && (!only.length || only.includes("e2e"))) e2e("dev", ["tests/e2e/dev-mailbox.spec.ts", "tests/e2e/console-clean.spec.ts"]);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(ok && totals.failed === 0 ? 0 : 1);
