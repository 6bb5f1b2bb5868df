/**
 * npm test — every tier: unit (no database), integration (a fresh embedded Postgres per file, or the server named
 * by TEST_DATABASE_URL), and e2e (Playwright + Chromium against the production build). Prints one total line.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib/database-url";

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

function e2e(mode: "production" | "dev", specs: string[] = []) {
  const out = path.join(tmp, `e2e-${mode}.json`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "scripts/e2e.ts"), "--reporter=list,json", ...specs], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out, E2E_NEXT_MODE: mode },
  });
  if (r.status !== 0) ok = false;
  if (fs.existsSync(out)) {
    const s = JSON.parse(fs.readFileSync(out, "utf8")).stats;
    totals.passed += s.expected;
    totals.failed += s.unexpected + (s.flaky ?? 0);
    totals.skipped += s.skipped;
    console.log(`[test] e2e (${mode}): ${s.expected} passed, ${s.unexpected} failed`);
  } else ok = false;
}

const only = process.argv.slice(2);
if (!only.length || only.includes("unit")) vitest("unit");
if (!only.length || only.includes("integration")) vitest("integration");
if (!only.length || only.includes("e2e")) {
  e2e("production");
  // /dev/mailbox exists only under `next dev`: its spec runs once more against the development server.
  e2e("dev", ["tests/e2e/dev-mailbox.spec.ts"]);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(ok && totals.failed === 0 ? 0 : 1);
