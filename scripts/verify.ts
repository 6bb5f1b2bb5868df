/**
 * npm run verify -- <検証用ファイル> --keys <公開鍵の一覧.json>
 * npm run verify -- <検証用ファイル> --issuer-key <発行者コード>=<公開鍵.pem> [...] --registry-key <D-Sure の公開鍵.pem>
 *
 * Checks a verification file downloaded from D-Sure offline, as the browser page /dsure/verify does (the same
 * verifier, lib/verification): every entry's signature by its issuer's key valid at its time, the chain's links, each
 * 版's content hash and signature, and D-Sure's receipt for the chain's head. The keys come from the command line —
 * D-Sure's published list (GET /api/dsure/v1/public-keys, saved to a file) or PEM files — never from the file checked.
 * Exits 0 when everything verifies, 1 when something does not, 2 when it cannot start.
 */
import fs from "node:fs";
import { trustedKeysFromPublicKeysJson, type TrustedKeys } from "../lib/verification/verification-file";
import { ENTRY_PROBLEM_MESSAGES, RECEIPT_PROBLEM_MESSAGES, verifyVerificationFile } from "../lib/verification/verify-verification-file";

const USAGE = `使い方:
  npm run verify -- <検証用ファイル> --keys <公開鍵の一覧.json>
  npm run verify -- <検証用ファイル> --issuer-key <発行者コード>=<公開鍵.pem> --registry-key <D-Sure の公開鍵.pem>
公開鍵の一覧は D-Sure の /api/dsure/v1/public-keys を保存したものです。`;

const KIND_LABELS: Record<string, string> = { VERSION: "版の発行", CANCEL: "解約", KEY: "認証キーの設定" };

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function read(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    fail(`${what}を読み取れません: ${file}`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | undefined;
  const trusted: TrustedKeys = { issuers: [], registry: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => args[++i] ?? fail(`${a} の値がありません`);
    if (a === "--keys") {
      const path = value();
      let json: unknown;
      try {
        json = JSON.parse(read(path, "公開鍵の一覧"));
      } catch {
        fail(`公開鍵の一覧が JSON ではありません: ${path}`);
      }
      const keys = trustedKeysFromPublicKeysJson(json);
      trusted.issuers.push(...keys.issuers);
      trusted.registry.push(...keys.registry);
    } else if (a === "--issuer-key") {
      const [code, path] = value().split("=", 2);
      if (!code || !path) fail("--issuer-key は <発行者コード>=<公開鍵.pem> の形で指定してください");
      const issuer = trusted.issuers.find((x) => x.code === code) ?? trusted.issuers[trusted.issuers.push({ code, keys: [] }) - 1]!;
      issuer.keys.push({ publicKeyPem: read(path, "公開鍵") });
    } else if (a === "--registry-key") {
      trusted.registry.push({ publicKeyPem: read(value(), "D-Sure の公開鍵") });
    } else if (a.startsWith("--")) {
      fail(`知らないオプションです: ${a}`);
    } else if (!file) {
      file = a;
    } else {
      fail(`検証用ファイルは1つだけ指定してください: ${a}`);
    }
  }
  if (!file) fail("検証用ファイルを指定してください");
  if (trusted.issuers.length === 0 || trusted.registry.length === 0) fail("発行者の公開鍵と D-Sure の公開鍵を指定してください（--keys、または --issuer-key と --registry-key）");

  let parsed: unknown;
  try {
    parsed = JSON.parse(read(file, "検証用ファイル"));
  } catch {
    console.error(`検証に失敗しました: ファイルが JSON として読めません (${file})`);
    process.exit(1);
  }
  const report = await verifyVerificationFile({ file: parsed, trusted });
  if (report.unreadable) {
    console.error(`検証に失敗しました: ${report.unreadable}`);
    process.exit(1);
  }
  console.info(`保証契約番号: ${report.contractNumber}`);
  console.info(`発行者: ${report.issuer ? `${report.issuer.name ?? "（指定された鍵にない発行者）"} (${report.issuer.code})` : "—"}`);
  console.info(`照会日時: ${report.viewedAt ?? "—"}`);
  for (const e of report.entries) {
    const result = e.ok ? (e.withheld ? "OK（内容は省略、ハッシュで連鎖を確認）" : "OK") : `NG ${ENTRY_PROBLEM_MESSAGES[e.problem!]}`;
    const signer = e.withheld ? "" : ` 署名: ${e.issuer}/${e.keyId ?? "—"}`;
    console.info(`  記録 ${e.seq} ${KIND_LABELS[e.kind] ?? e.kind} ${e.at}${signer} … ${result}`);
  }
  console.info(
    `D-Sure の受領証: ${report.receipt.ok ? "OK" : `NG ${report.receipt.problem ? RECEIPT_PROBLEM_MESSAGES[report.receipt.problem] : ""}`}` +
      `${report.receipt.keyId ? ` (鍵 ${report.receipt.keyId}, ${report.receipt.at}, 記録 ${report.receipt.length} 件)` : ""}`,
  );
  if (report.ok) {
    console.info(`検証に成功しました（現在の版: 第${report.certificate!.currentVersion}版${report.certificate!.cancelled ? `、解約 ${report.certificate!.cancelDate}` : ""}）`);
    process.exit(0);
  }
  const bad = report.entries.filter((e) => !e.ok).map((e) => e.seq);
  console.error(`検証に失敗しました${bad.length ? `（記録 ${bad.join("、")}）` : ""}`);
  process.exit(1);
}

void main();
