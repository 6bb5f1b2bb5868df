import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Env = Record<string, string | undefined>;

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
const NAMES_ON_PATH = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

export interface ChromiumSearch {
  /** Environment to read CHROMIUM_PATH and PATH from (default: this process's). */
  env?: Env;
  /** Fixed places to look first (default: the usual Debian and Google paths). */
  candidates?: string[];
  /** Whether to ask Playwright for a browser of its own (default: yes). */
  playwright?: boolean;
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, a system Chromium (usual places, then PATH), or Playwright's own if it was installed; else null. */
export function findChromium({ env = process.env, candidates = CANDIDATES, playwright = true }: ChromiumSearch = {}): string | null {
  const given = env.CHROMIUM_PATH;
  if (given) return fs.existsSync(given) ? given : null;
  for (const c of candidates) if (executable(c)) return c;
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES_ON_PATH) if (executable(path.join(dir, name))) return path.join(dir, name);
  }
  if (!playwright) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require("@playwright/test") as typeof import("@playwright/test");
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    /* not installed */
  }
  return null;
}

export const NO_CHROMIUM_MESSAGE =
  "Chromium が見つかりません / No Chromium found: install it (Debian: `apt-get install -y chromium`), set CHROMIUM_PATH, or run `npx playwright install chromium`.";

/** Why this process may or may not install Debian's chromium itself: null when it may, else the reason (Japanese). */
export function whyNoSystemInstall({
  platform = process.platform,
  uid = process.getuid?.(),
  aptGet = "/usr/bin/apt-get",
  env = process.env,
}: { platform?: NodeJS.Platform; uid?: number; aptGet?: string; env?: Env } = {}): string | null {
  if (env.CHROMIUM_PATH) return `CHROMIUM_PATH（${env.CHROMIUM_PATH}）が指定されているため、自動ではインストールしません`;
  if (platform !== "linux") return "Linux ではないため、自動ではインストールしません";
  if (!executable(aptGet)) return "apt-get が無い（Debian 系ではない）ため、自動ではインストールしません";
  if (uid !== 0) return "root ではないため、システムのパッケージを自動ではインストールしません";
  return null;
}

/** Debian's chromium through apt-get, with its output shown; true when apt-get succeeded. */
function aptInstallChromium(): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return false;
  return spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env }).status === 0;
}

/**
 * A Chromium for the e2e tiers: the one found, or — when none is found and this process may install system packages
 * (root, Debian's apt-get) — Debian's `chromium`, installed here and saying so. Otherwise null, after explaining why
 * and what to do. The parts are injectable so the decision can be tested without touching the machine.
 */
export function ensureChromium({
  search = {},
  whyNot = () => whyNoSystemInstall({ env: search.env }),
  install = aptInstallChromium,
  log = (line: string) => console.log(line),
}: {
  search?: ChromiumSearch;
  whyNot?: () => string | null;
  install?: () => boolean;
  log?: (line: string) => void;
} = {}): string | null {
  const found = findChromium(search);
  if (found) return found;
  const reason = whyNot();
  if (reason) {
    log(`[chromium] ${NO_CHROMIUM_MESSAGE}`);
    log(`[chromium] ${reason}。`);
    return null;
  }
  log("[chromium] Chromium が見つかりません。Debian の chromium を apt-get でインストールします（root で実行中）…");
  if (!install()) {
    log(`[chromium] apt-get install chromium に失敗しました。${NO_CHROMIUM_MESSAGE}`);
    return null;
  }
  const now = findChromium(search);
  log(now ? `[chromium] インストールしました：${now}` : `[chromium] インストール後も見つかりません。${NO_CHROMIUM_MESSAGE}`);
  return now;
}
