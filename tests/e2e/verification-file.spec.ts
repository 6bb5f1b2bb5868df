/**
 * Verification anyone can repeat (issue 28): the orderer views a certificate on D-Sure and downloads the verification
 * file of what they saw; without a login, the browser verifier /dsure/verify checks it against D-Sure's published keys
 * and `npm run verify` does the same offline; the same file with one byte changed in any entry fails in both, naming
 * the entry. The verifier page passes axe.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { runFixture, sql } from "./support";

const ROOT = path.resolve(__dirname, "../..");

async function accessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the file of what the orderer viewed passes in the browser and in the CLI; one byte changed in any entry fails in both, naming it", async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-e2e-verify-"));
  const { contractId, contractNumber } = runFixture<{ contractId: string; contractNumber: string }>("afterConclusionGuarantee", { workName: "検証用ファイルの確認工事" });
  await expect
    .poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "dsure"."DsureChainEntry" WHERE "contractNumber" = $1`, [contractNumber]))[0]!.n, { timeout: 30_000 })
    .toBe(2);
  const { authKey } = runFixture<{ authKey: string }>("afterConclusionLiveKey", { contractId });

  // The orderer: no account, the number and key from the notice.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/dsure");
  await page.getByLabel("保証契約番号").fill(contractNumber);
  await page.getByLabel("認証キー").fill(authKey);
  await page.getByRole("button", { name: "電子証書を表示" }).click();
  await expect(page.getByRole("region", { name: "電子証書の状態" })).toContainText("有効");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "検証用ファイルをダウンロード" }).click()]);
  expect(download.suggestedFilename()).toBe(`D-Sure検証用ファイル_${contractNumber}.json`);
  const good = path.join(dir, "good.json");
  await download.saveAs(good);
  const text = fs.readFileSync(good, "utf8");
  expect(text.toUpperCase().replace(/[^0-9A-Z]/g, "")).not.toContain(authKey.toUpperCase().replace(/[^0-9A-Z]/g, ""));
  const file = JSON.parse(text) as { entries: { seq: number; kind: string; signature: string; data: Record<string, unknown> }[] };
  expect(file.entries.map((e) => e.kind)).toEqual(["VERSION", "KEY"]);

  // The browser verifier, as anyone opens it.
  const verify = await (await browser.newContext()).newPage();
  await verify.goto("/dsure/verify");
  await expect(verify.getByRole("heading", { level: 1, name: "検証用ファイルの確認" })).toBeVisible();
  await accessible(verify);
  await verify.getByLabel("検証用ファイル（.json）").setInputFiles(good);
  await expect(verify.getByRole("status").filter({ hasText: "検証に成功しました" })).toBeVisible();
  const rows = verify.locator("tr[data-seq]");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("版の発行");
  await expect(rows.nth(0)).toContainText("検証済み");
  await expect(rows.nth(0)).toContainText("nishi-nihon /");
  await expect(rows.nth(1)).toContainText("認証キーの設定");
  await expect(verify.getByText("西日本建設業保証株式会社（nishi-nihon）")).toBeVisible();
  await accessible(verify);

  // The CLI, offline, with D-Sure's published keys saved to a file.
  const keys = path.join(dir, "public-keys.json");
  fs.writeFileSync(keys, await (await verify.request.get("/api/dsure/v1/public-keys")).text());
  const cli = (f: string) => spawnSync("npm", ["run", "--silent", "verify", "--", f, "--keys", keys], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  const passed = cli(good);
  expect(passed.status, passed.stderr).toBe(0);
  expect(passed.stdout).toContain("検証に成功しました");

  // One byte changed in each entry: a character of its signature, then of its data.
  for (const [i, entry] of file.entries.entries()) {
    for (const where of ["signature", "data"] as const) {
      const changed = JSON.parse(text) as typeof file;
      const e = changed.entries[i]!;
      if (where === "signature") e.signature = `${e.signature.slice(0, 10)}${e.signature[10] === "A" ? "B" : "A"}${e.signature.slice(11)}`;
      else if (entry.kind === "VERSION") e.data.contentHash = `${String(e.data.contentHash).slice(0, -1)}${String(e.data.contentHash).endsWith("0") ? "1" : "0"}`;
      else e.data.keyCommitment = `${String(e.data.keyCommitment).slice(0, -1)}${String(e.data.keyCommitment).endsWith("0") ? "1" : "0"}`;
      const bad = path.join(dir, `bad-${i + 1}-${where}.json`);
      fs.writeFileSync(bad, JSON.stringify(changed, null, 2));

      await verify.getByLabel("検証用ファイル（.json）").setInputFiles(bad);
      // The changed entry is named first (an entry after it no longer links to it, and is named too).
      await expect(verify.getByRole("alert").filter({ hasText: new RegExp(`検証に失敗しました。記録 ${entry.seq}[、 ]`) })).toBeVisible();
      await expect(verify.locator(`tr[data-seq="${entry.seq}"]`)).toHaveAttribute("data-ok", "false");
      await expect(verify.locator(`tr[data-seq="${entry.seq}"]`)).toContainText("署名が正しくありません");

      const failed = cli(bad);
      expect(failed.status, `${bad}: ${failed.stdout}`).toBe(1);
      expect(failed.stdout).toContain(`記録 ${entry.seq} `);
      expect(failed.stderr).toContain(`検証に失敗しました（記録 ${entry.seq}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
