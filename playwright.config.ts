import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/lib/chromium";

const port = Number(process.env.E2E_PORT ?? 3100);
// E2E_CLUSTER=1: tests/cluster against two instances on one database behind a relay they can cut (scripts/e2e-server.ts).
const cluster = process.env.E2E_CLUSTER === "1";

export default defineConfig({
  testDir: cluster ? "tests/cluster" : "tests/e2e",
  // Under `next dev` the results go outside the project: Turbopack watches the whole folder, and every trace file
  // Playwright writes during a test made the development server rebuild and reload the page under test, in a loop.
  outputDir: cluster ? "test-results/cluster" : process.env.E2E_NEXT_MODE === "dev" ? path.join(os.tmpdir(), "hosho-e2e-dev-results") : "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  // `next dev` compiles each page on its first request: give the development-server run more time.
  timeout: process.env.E2E_NEXT_MODE === "dev" ? 180_000 : 60_000,
  expect: { timeout: process.env.E2E_NEXT_MODE === "dev" ? 60_000 : 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node --import tsx --conditions=react-server scripts/e2e-server.ts",
    url: cluster ? `http://127.0.0.1:${port + 9}/ready` : `http://localhost:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM, so scripts/e2e-server.ts stops its instances and drops the database it made on a real server (without
    // this Playwright SIGKILLs the group, and every run on CI's PostgreSQL left a hosho_e2e_* database behind).
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: { E2E_PORT: String(port), E2E_CLUSTER: cluster ? "1" : "0" },
    stdout: "ignore",
    stderr: "pipe",
  },
});
