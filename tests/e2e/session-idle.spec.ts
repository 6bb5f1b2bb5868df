import { expect, test } from "./support/test";
import { loginAsContractor } from "./support";

test("activity in e-Net保証 renews the session cookie (it expires after inactivity, not after login)", async ({ page, context }) => {
  test.setTimeout(150_000);
  await loginAsContractor(page);
  const first = (await context.cookies()).find((c) => c.name.endsWith("hosho.session"))!;
  expect(first.expires).toBeGreaterThan(Date.now() / 1000);
  // Auth.js renews at most once a minute (updateAge): wait past it, then act.
  await page.waitForTimeout(61_000);
  await page.goto("/enet/applications");
  const second = (await context.cookies()).find((c) => c.name.endsWith("hosho.session"))!;
  expect(second.expires).toBeGreaterThan(first.expires + 30);
});

test("ログアウト ends the session: the portal asks for the login again", async ({ page, context }) => {
  await loginAsContractor(page);
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/enet\/login$/);
  expect((await context.cookies()).find((c) => c.name.endsWith("hosho.session"))).toBeUndefined();
  await page.goto("/enet/applications");
  await expect(page).toHaveURL(/\/enet\/login$/);
});
