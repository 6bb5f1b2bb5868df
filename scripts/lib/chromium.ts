import fs from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** CHROMIUM_PATH, a system Chromium, or Playwright's own if it was installed; null when there is none. */
export function findChromium(): string | null {
  const given = process.env.CHROMIUM_PATH;
  if (given) return fs.existsSync(given) ? given : null;
  for (const c of CANDIDATES) if (fs.existsSync(c)) return c;
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
