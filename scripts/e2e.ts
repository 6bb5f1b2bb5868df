/**
 * npm run test:e2e [-- playwright args] — builds the app (unless E2E_SKIP_BUILD=1) and runs Playwright against
 * `next start` on the embedded engine. Concurrent runs on one machine wait for each other (one .next, one port).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/database-url";
import { ensureChromium } from "./lib/chromium";

const LOCK = path.join(ROOT, ".data/e2e.lock");

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function lock() {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let announced = false; ; ) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
      process.on("exit", () => {
        try {
          if (fs.readFileSync(LOCK, "utf8") === String(process.pid)) fs.unlinkSync(LOCK);
        } catch {
          /* gone */
        }
      });
      return;
    } catch {
      const owner = Number(fs.readFileSync(LOCK, "utf8") || 0);
      if (!owner || !alive(owner)) {
        fs.rmSync(LOCK, { force: true });
        continue;
      }
      if (!announced) console.log(`[e2e] waiting for another e2e run (PID ${owner})…`);
      announced = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function main() {
  // Installs Debian's chromium when none is found and this process may (root, apt-get); else says why not.
  if (!ensureChromium()) process.exit(1);
  await lock();
  const nodeOnly = { ...process.env };
  delete nodeOnly.DATABASE_URL; // the e2e server makes its own database
  if (process.env.E2E_SKIP_BUILD !== "1" && process.env.E2E_NEXT_MODE !== "dev") {
    const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...nodeOnly, NODE_ENV: "production" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const run = spawnSync(process.execPath, [require.resolve("@playwright/test/cli"), "test", ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: "inherit",
    env: nodeOnly,
  });
  process.exit(run.status ?? 1);
}

void main();
