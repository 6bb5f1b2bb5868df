/**
 * The verification file (issue 28): what D-Sure hands the orderer with the certificate they viewed — the chain in its
 * public form, the signatures, the issuer and D-Sure's receipt — checked by the shared verifier (the browser page's and
 * `npm run verify`'s) against D-Sure's published keys: it passes as made, and one byte changed in any entry fails,
 * naming that entry. It holds no 認証キー and nothing to guess one offline. And the signatures verify with openssl, the
 * canonical bytes made by Python from docs/decisions/012's description alone: a verifier we did not write.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPublicKeys } from "@/app/api/dsure/v1/public-keys/route";
import { db } from "@/lib/db";
import { dsureDb } from "@/lib/dsure/db";
import { buildVerificationFile } from "@/lib/dsure/build-verification-file";
import { keyVerifierOf } from "@/lib/dsure/chain-format";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import type { StoredChainEntry } from "@/lib/dsure/verify-chain";
import { trustedKeysFromPublicKeysJson, type TrustedKeys, type VerificationFile } from "@/lib/verification/verification-file";
import { verifyVerificationFile } from "@/lib/verification/verify-verification-file";
import { createConcludedCertificate, type CertificateFixture } from "../support/certificate-fixtures";
import { ensureSeeded } from "../support/admin-fixtures";

const ROOT = path.resolve(__dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hosho-verification-"));
let publicKeys: { keys: { issuer: string; publicKeyPem: string }[]; registry: { publicKeyPem: string } };
let trusted: TrustedKeys;
let cert: CertificateFixture;
let file: VerificationFile;

beforeAll(async () => {
  await ensureSeeded(db);
  publicKeys = await (await getPublicKeys()).json();
  trusted = trustedKeysFromPublicKeysJson(publicKeys);
  // 版 1, its key, 版 2 (増額), 解約: every kind of entry.
  cert = await createConcludedCertificate(db, { versions: 2, status: "CANCELLED" });
  const now = new Date();
  const r = await lookupCertificate({ contractNumber: cert.contractNumber, authKey: cert.authKey, clientIp: "203.0.113.80", userAgent: null, channel: "PAGE", now });
  if (!r.ok) throw new Error(`look-up failed: ${JSON.stringify(r)}`);
  file = buildVerificationFile({ entries: JSON.parse(r.chain) as StoredChainEntry[], contractNumber: cert.contractNumber, now });
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const copy = (): VerificationFile => JSON.parse(JSON.stringify(file)) as VerificationFile;

/** One character of a string changed for another. */
const flip = (s: string, at = Math.floor(s.length / 2)) => `${s.slice(0, at)}${s[at] === "A" ? "B" : "A"}${s.slice(at + 1)}`;

describe("the verification file", () => {
  it("verifies as D-Sure made it: every entry, who signed it, D-Sure's receipt, and what the chain says", async () => {
    const report = await verifyVerificationFile({ file, trusted });
    expect(report.ok).toBe(true);
    expect(report.entries.map((e) => [e.seq, e.kind, e.ok])).toEqual([
      [1, "VERSION", true],
      [2, "KEY", true],
      [3, "VERSION", true],
      [4, "CANCEL", true],
    ]);
    expect(new Set(report.entries.map((e) => `${e.issuer}/${e.keyId}`))).toEqual(new Set([`nishi-nihon/${cert.signingKey.keyId}`]));
    expect(report.issuer).toEqual({ code: "nishi-nihon", name: "西日本建設業保証株式会社" });
    expect(report.receipt).toMatchObject({ ok: true, length: 4 });
    expect(report.certificate).toEqual({ currentVersion: 2, cancelled: true, cancelDate: "2025-01-15" });
  });

  it("holds no 認証キー and nothing to guess one offline: the key's entry shows its salted commitment only", async () => {
    const text = JSON.stringify(file);
    const stored = await dsureDb.dsureChainEntry.findFirstOrThrow({ where: { contractNumber: cert.contractNumber, kind: "KEY" } });
    const opening = stored.keyOpening as { salt: string; keyVerifier: string };
    for (const secret of [cert.authKey, cert.authKeyFormatted, keyVerifierOf({ key: cert.authKey, contractNumber: cert.contractNumber }), opening.salt]) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(file.entries[1]!).sort()).toEqual(["at", "contractNumber", "data", "issuer", "keyId", "kind", "prev", "seq", "signature"]);
    expect(Object.keys((file.entries[1] as { data: object }).data).sort()).toEqual(["keyCommitment", "reissue"]);
  });

  it("fails with one byte changed in any entry, naming that entry", async () => {
    const changes: [number, string, (e: Record<string, unknown>) => void][] = [
      [0, "a word of the 版's content", (e) => { const d = e.data as { content: { work: { name: string } } }; d.content.work.name = flip(d.content.work.name, 0); }],
      [1, "the key's commitment", (e) => { const d = e.data as { keyCommitment: string }; d.keyCommitment = flip(d.keyCommitment, 20); }],
      [2, "the time", (e) => { e.at = String(e.at).replace(/\.(\d)/, (_m, d: string) => `.${(Number(d) + 1) % 10}`); }],
      [3, "the 解約's reason", (e) => { const d = e.data as { reason: string }; d.reason = flip(d.reason, 0); }],
      [3, "the signature", (e) => { e.signature = flip(String(e.signature)); }],
    ];
    for (const [i, what, change] of changes) {
      const f = copy();
      change(f.entries[i] as unknown as Record<string, unknown>);
      const report = await verifyVerificationFile({ file: f, trusted });
      expect(report.ok, what).toBe(false);
      expect(report.entries.find((e) => !e.ok)?.seq, what).toBe(i + 1);
      expect(report.entries[i]!.problem, what).toBe("SIGNATURE");
    }
    // The receipt: another head, or signed by a key D-Sure did not publish.
    const f = copy();
    f.receipt.receipt.length = 3;
    expect((await verifyVerificationFile({ file: f, trusted })).receipt.problem).toBe("SIGNATURE");
    expect((await verifyVerificationFile({ file, trusted: { ...trusted, registry: [] } })).receipt.problem).toBe("UNKNOWN_KEY");
  });

  it("checks against the keys it is given, never the file's: an issuer key not published, or not valid then, fails", async () => {
    const strangers = { ...trusted, issuers: trusted.issuers.filter((i) => i.code !== "nishi-nihon") };
    const unknown = await verifyVerificationFile({ file, trusted: strangers });
    expect(unknown.entries.map((e) => e.problem)).toEqual(["UNKNOWN_KEY", "UNKNOWN_KEY", "UNKNOWN_KEY", "UNKNOWN_KEY"]);
    const ours = trusted.issuers.find((i) => i.code === "nishi-nihon")!;
    const expired = { ...trusted, issuers: [{ ...ours, keys: ours.keys.map((k) => ({ ...k, validTo: "2024-01-01T00:00:00Z" })) }] };
    expect((await verifyVerificationFile({ file, trusted: expired })).entries[0]!.problem).toBe("KEY_NOT_VALID");
  });

  it("npm run verify says the same offline, with the keys from a file or from PEM files", () => {
    const good = path.join(work, "good.json");
    const bad = path.join(work, "bad.json");
    const keys = path.join(work, "public-keys.json");
    fs.writeFileSync(good, JSON.stringify(file, null, 2));
    const tampered = copy();
    tampered.entries[2]!.at = flip(tampered.entries[2]!.at, 5);
    fs.writeFileSync(bad, JSON.stringify(tampered));
    fs.writeFileSync(keys, JSON.stringify(publicKeys));
    const run = (...args: string[]) => spawnSync("npm", ["run", "--silent", "verify", "--", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

    const ok = run(good, "--keys", keys);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("検証に成功しました（現在の版: 第2版、解約 2025-01-15）");
    expect(ok.stdout).toContain(`署名: nishi-nihon/${cert.signingKey.keyId}`);

    const ng = run(bad, "--keys", keys);
    expect(ng.status).toBe(1);
    expect(ng.stderr).toContain("検証に失敗しました（記録 3");

    const issuerPem = path.join(work, "issuer.pem");
    const registryPem = path.join(work, "dsure.pem");
    fs.writeFileSync(issuerPem, publicKeys.keys.find((k) => k.issuer === "nishi-nihon")!.publicKeyPem);
    fs.writeFileSync(registryPem, publicKeys.registry.publicKeyPem);
    expect(run(good, "--issuer-key", `nishi-nihon=${issuerPem}`, "--registry-key", registryPem).status).toBe(0);
    expect(run(good).status).toBe(2);
  });
});

describe("a verifier we did not write", () => {
  /**
   * docs/decisions/012: an entry's signed bytes are the RFC 8785 canonical JSON (keys sorted, no whitespace, UTF-8) of
   * {format: "dsure-chain-entry/1", issuer, contractNumber, seq, kind, at, prev, data}; the signature is Ed25519 over
   * them, base64url; an entry's hash — the next one's prev — is their SHA-256, hex. A receipt is signed the same way
   * over its `receipt` object. Python makes the bytes, openssl checks the signatures and the hash.
   */
  const PYTHON = `
import base64, json, sys
f = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
def canonical(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
def b64url(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
for e in f["entries"]:
    body = {k: e[k] for k in ("issuer", "contractNumber", "seq", "kind", "at", "prev", "data")}
    body["format"] = "dsure-chain-entry/1"
    open(f"{out}/entry{e['seq']}.bin", "wb").write(canonical(body))
    open(f"{out}/entry{e['seq']}.sig", "wb").write(b64url(e["signature"]))
    open(f"{out}/entry{e['seq']}.prev", "w").write(e["prev"] or "")
open(f"{out}/receipt.bin", "wb").write(canonical(f["receipt"]["receipt"]))
open(f"{out}/receipt.sig", "wb").write(b64url(f["receipt"]["signature"]))
open(f"{out}/receipt.head", "w").write(f["receipt"]["receipt"]["head"])
`;

  it("openssl verifies every entry's signature and every link, and D-Sure's receipt, from bytes Python made by the ADR", () => {
    const dir = fs.mkdtempSync(path.join(work, "openssl-"));
    fs.writeFileSync(path.join(dir, "file.json"), JSON.stringify(file));
    fs.writeFileSync(path.join(dir, "make.py"), PYTHON);
    fs.writeFileSync(path.join(dir, "issuer.pem"), publicKeys.keys.find((k) => k.issuer === "nishi-nihon")!.publicKeyPem);
    fs.writeFileSync(path.join(dir, "dsure.pem"), publicKeys.registry.publicKeyPem);
    const py = spawnSync("python3", [path.join(dir, "make.py"), path.join(dir, "file.json"), dir], { encoding: "utf8" });
    expect(py.status, py.stderr).toBe(0);

    const verify = (pem: string, bin: string, sig: string) =>
      spawnSync("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", path.join(dir, pem), "-rawin", "-in", path.join(dir, bin), "-sigfile", path.join(dir, sig)], { encoding: "utf8" });
    const sha256 = (bin: string) => spawnSync("openssl", ["dgst", "-sha256", "-r", path.join(dir, bin)], { encoding: "utf8" }).stdout.split(" ")[0];

    for (const seq of [1, 2, 3, 4]) {
      const r = verify("issuer.pem", `entry${seq}.bin`, `entry${seq}.sig`);
      expect(r.stdout + r.stderr, `entry ${seq}`).toContain("Signature Verified Successfully");
      if (seq > 1) expect(fs.readFileSync(path.join(dir, `entry${seq}.prev`), "utf8")).toBe(sha256(`entry${seq - 1}.bin`));
    }
    const receipt = verify("dsure.pem", "receipt.bin", "receipt.sig");
    expect(receipt.stdout + receipt.stderr).toContain("Signature Verified Successfully");
    expect(fs.readFileSync(path.join(dir, "receipt.head"), "utf8")).toBe(sha256("entry4.bin"));

    // And openssl refuses a changed byte.
    const body = fs.readFileSync(path.join(dir, "entry3.bin"));
    body[body.length - 3] ^= 1;
    fs.writeFileSync(path.join(dir, "entry3.bin"), body);
    const changed = verify("issuer.pem", "entry3.bin", "entry3.sig");
    expect(changed.status).not.toBe(0);
    expect(changed.stdout + changed.stderr).toContain("Signature Verification Failure");
  });
});
