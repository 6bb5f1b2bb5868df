import { expect, test } from "./support/test";
import { screenshot } from "./support";

test("the landing page links to the three portals and renders Japanese text", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("link", { name: /e-Net保証/ })).toHaveAttribute("href", "/enet");
  await expect(page.getByRole("link", { name: /D-Sure/ })).toHaveAttribute("href", "/dsure");
  await expect(page.getByRole("link", { name: /業務システム/ })).toHaveAttribute("href", "/admin");
  // The Japanese web font is served from our own origin and actually used (no tofu: the glyphs come from it).
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => document.fonts.check('16px "Noto Sans JP"', "電子保証"));
  expect(loaded).toBe(true);
  await screenshot(page, "landing");
});

test("fixtures run against the e2e database", async () => {
  const { runFixture } = await import("./support");
  expect(runFixture<{ companies: number }>("ping").companies).toBeGreaterThanOrEqual(2);
});
