/**
 * One of our numbers that draws wrong keys from many addresses shows up for the surety's staff: on the back office's
 * home page and in D-Sure 照会の警告, with how many failures from how many addresses since when. The staff's screens ask
 * D-Sure (a signed query): D-Sure tells each surety about its own numbers only.
 */
import { expect, test } from "./support/test";
import { loginAsStaff, runFixture, sql } from "./support";

test("five addresses guessing one number raise an alarm the staff see, kept in D-Sure's own record", async ({ page, request }) => {
  const { contractNumber: number } = runFixture<{ contractNumber: string }>("afterConclusionGuarantee", { workName: "照会の警告の確認工事" });
  // The app's registration dispatcher registers it at D-Sure within moments.
  await expect
    .poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "dsure"."DsureCertificate" WHERE "contractNumber" = $1`, [number]))[0]!.n, { timeout: 30_000 })
    .toBe(1);
  // The e2e server trusts loopback as its proxy, so X-Forwarded-For names each guesser.
  for (let a = 1; a <= 5; a++) {
    for (let i = 0; i < 2; i++) {
      const res = await request.post("/api/dsure/v1/lookup", {
        headers: { "x-forwarded-for": `198.18.7.${a}` },
        data: { contractNumber: number, authKey: "ABCD-EFGH-JKMN-PQRS" },
      });
      expect(res.status()).toBe(404);
    }
  }
  const { raised } = runFixture<{ raised: string[] }>("dsureAlarmScan");
  expect(raised).toContain(number);

  await loginAsStaff(page, "staff-tanto");
  const alert = page.getByRole("alert").filter({ hasText: "D-Sure で照会の失敗が多数のアドレスから続いている" });
  await expect(alert).toContainText(number);
  await alert.getByRole("link", { name: "照会の警告を見る" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "D-Sure 照会の警告" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: number });
  await expect(row).toContainText("継続中");
  await expect(row).toContainText("10回");
  await expect(row).toContainText("5か所");

  const alarms = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "dsure"."DsureAlarm" WHERE "contractNumber" = $1`, [number]);
  expect(alarms[0]!.n).toBe(1);
});
