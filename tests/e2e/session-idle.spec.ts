import { expect, test } from "./support/test";
import { loginAsContractor, sql } from "./support";

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

test("a session past its absolute lifetime is refused while in use, and its cookie never outlives it", async ({ page, context }) => {
  const before = Date.now();
  await loginAsContractor(page, "demo-doboku");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("hosho.session"))!;
  expect(cookie.expires * 1000).toBeLessThanOrEqual(before + 12 * 60 * 60 * 1000 + 5_000);
  await page.goto("/enet/applications");
  await expect(page).toHaveURL(/\/enet\/applications$/);
  // The session reaches its absolute end (12 hours after login) while the user is active: moved forward in the database.
  const [session] = await sql<{ id: string }>(
    `UPDATE "UserSession" SET "expiresAt" = now() - interval '1 second'
     WHERE "id" = (SELECT s."id" FROM "UserSession" s JOIN "ContractorUser" u ON u."id" = s."contractorUserId"
                   WHERE u."customerId" = 'demo-doboku' AND s."endedAt" IS NULL ORDER BY s."createdAt" DESC LIMIT 1)
     RETURNING "id"`,
  );
  expect(session).toBeTruthy();
  await page.goto("/enet/applications");
  await expect(page).toHaveURL(/\/enet\/login$/);
});
