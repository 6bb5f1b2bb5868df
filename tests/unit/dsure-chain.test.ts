import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CHAIN_ENTRY_FORMAT,
  chainEntryBytes,
  chainEntryHash,
  isLegacyKeyVerifier,
  keyVerifierOf,
  keyVerifiersEqual,
  legacyKeyVerifierOf,
  type ChainEntryBody,
} from "@/lib/dsure/chain-format";
import { issuersFromEnv, type DsureIssuer } from "@/lib/dsure/issuers";
import { verifyChain, type StoredChainEntry } from "@/lib/dsure/verify-chain";
import { canonicalizeJson } from "@/lib/certificate/canonical-json";
import { generateSigningKeyPair, signCertificateContent } from "@/lib/certificate/signature";
import { EnvError } from "@/lib/env";

const NUMBER = "2024-0001234-5";
const ISSUER = "nishi-nihon";
const key2024 = generateSigningKeyPair();
const key2026 = generateSigningKeyPair();
const stranger = generateSigningKeyPair();

/** key2024 valid 2024-01-01 … 2026-01-01 (exclusive), key2026 from 2026-01-01 on. */
const AUTH_KEY_SECRET = Buffer.alloc(32, 7).toString("base64");
const issuers: DsureIssuer[] = issuersFromEnv({
  NODE_ENV: "test",
  AUTH_KEY_SECRET,
  DSURE_ISSUERS: JSON.stringify([
    {
      code: ISSUER,
      name: "西日本建設業保証株式会社",
      keys: [
        { publicKeyPem: key2024.publicKeyPem, validFrom: "2024-01-01T00:00:00Z", validTo: "2026-01-01T00:00:00Z" },
        { keyId: key2026.keyId, publicKeyPem: key2026.publicKeyPem, validFrom: "2026-01-01T00:00:00Z", validTo: null },
      ],
    },
  ]),
  DSURE_ISSUERS_FILE: undefined,
  CERT_SIGNING_PRIVATE_KEY: "",
  SURETY_ISSUER_CODE: ISSUER,
  SURETY_NAME: "",
});

const content = (version: number) => ({ contractNumber: NUMBER, version, guaranteeType: "ADVANCE_PAYMENT", guarantee: { amount: 1_000_000 * version, periodTo: "2099-03-31" } });

function versionData(version: number, key = key2024) {
  const c = content(version);
  const signed = signCertificateContent({ content: c, privateKeyPem: key.privateKeyPem });
  return { version, content: c, contentHash: signed.contentHash, signature: { keyId: signed.keyId, value: signed.signature }, changeSummary: version > 1 ? "増額" : null };
}

type Draft = { kind: ChainEntryBody["kind"]; at: string; data: ChainEntryBody["data"]; key?: typeof key2024; number?: string };

/** Signs drafts into a proper chain (each naming the one before), unless a test breaks it afterwards. */
function chainOf(drafts: Draft[]): StoredChainEntry[] {
  const out: StoredChainEntry[] = [];
  let prev: string | null = null;
  drafts.forEach((d, i) => {
    const body: ChainEntryBody = { format: CHAIN_ENTRY_FORMAT, issuer: ISSUER, contractNumber: d.number ?? NUMBER, seq: i + 1, kind: d.kind, at: d.at, prev, data: d.data };
    const k = d.key ?? key2024;
    out.push({ ...body, keyId: k.keyId, signature: crypto.sign(null, chainEntryBytes(body), crypto.createPrivateKey(k.privateKeyPem)).toString("base64url") });
    prev = chainEntryHash(body);
  });
  return out;
}

const hmacKey = crypto.randomBytes(32);
const verifier = keyVerifierOf({ key: "ABCDEFGHJKMNPQRS", contractNumber: NUMBER });
const normal: Draft[] = [
  { kind: "VERSION", at: "2024-12-05T01:30:00.000Z", data: versionData(1) },
  { kind: "KEY", at: "2024-12-05T01:30:00.000Z", data: { keyVerifier: verifier, reissue: false } },
  { kind: "VERSION", at: "2025-02-01T00:00:00.000Z", data: versionData(2) },
  { kind: "CANCEL", at: "2025-03-01T00:00:00.000Z", data: { cancelDate: "2025-02-28", reason: "工事の中止" } },
];

describe("verifyChain", () => {
  it("accepts a chain signed by configured keys and says what it holds", () => {
    const v = verifyChain({ entries: chainOf(normal), contractNumber: NUMBER, issuers });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.versions.map((x) => x.version)).toEqual([1, 2]);
    expect(v.cancel).toEqual({ cancelDate: "2025-02-28", reason: "工事の中止", at: "2025-03-01T00:00:00.000Z" });
    expect(v.keyVerifier).toBe(verifier);
    expect(v.length).toBe(4);
  });

  it("refuses an entry signed with a key whose validity ended before the entry's time", () => {
    const late: Draft[] = [...normal.slice(0, 2), { kind: "VERSION", at: "2026-02-01T00:00:00.000Z", data: versionData(2, key2026), key: key2024 }];
    expect(verifyChain({ entries: chainOf(late), contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "KEY_NOT_VALID", seq: 3 });
    // The same entry signed with the key valid then is fine.
    const rotated: Draft[] = [...normal.slice(0, 2), { kind: "VERSION", at: "2026-02-01T00:00:00.000Z", data: versionData(2, key2026), key: key2026 }];
    expect(verifyChain({ entries: chainOf(rotated), contractNumber: NUMBER, issuers }).ok).toBe(true);
  });

  it("refuses a key before its validity begins, and a 版 whose own signature is by a key not valid then", () => {
    const early: Draft[] = [{ kind: "VERSION", at: "2025-06-01T00:00:00.000Z", data: versionData(1), key: key2026 }];
    expect(verifyChain({ entries: chainOf(early), contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "KEY_NOT_VALID", seq: 1 });
    const oldContentKey: Draft[] = [{ kind: "VERSION", at: "2026-06-01T00:00:00.000Z", data: versionData(1, key2024), key: key2026 }];
    expect(verifyChain({ entries: chainOf(oldContentKey), contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "KEY_NOT_VALID", seq: 1 });
  });

  it("refuses a key it was not configured with, whatever the entry says", () => {
    const planted = chainOf([normal[0]!, { ...normal[1]!, key: stranger }]);
    expect(verifyChain({ entries: planted, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "UNKNOWN_KEY", seq: 2 });
  });

  it("finds a changed body, a gap, swapped entries, a broken link and an entry of another certificate", () => {
    const good = chainOf(normal);
    const changed = good.map((e, i) => (i === 2 ? { ...e, data: { ...(e.data as object), changeSummary: "減額" } } : e));
    expect(verifyChain({ entries: changed, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "SIGNATURE", seq: 3 });

    const gap = [good[0]!, good[1]!, good[3]!];
    expect(verifyChain({ entries: gap, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "SEQUENCE", seq: 4 });

    const swapped = [good[0]!, { ...good[2]!, seq: 2 }, { ...good[1]!, seq: 3 }, good[3]!];
    expect(verifyChain({ entries: swapped, contractNumber: NUMBER, issuers })).toMatchObject({ ok: false, seq: 2 });

    const relinked = good.map((e, i) => (i === 1 ? { ...e, prev: "0".repeat(64) } : e));
    expect(verifyChain({ entries: relinked, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "PREVIOUS_HASH", seq: 2 });

    const other = chainOf(normal.map((d) => ({ ...d, number: "2024-0009999-1" })));
    const copied = [good[0]!, { ...other[1]!, prev: good[1]!.prev }];
    expect(verifyChain({ entries: copied, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "WRONG_CERTIFICATE", seq: 2 });
    // …and with its number rewritten to fit, its signature no longer holds.
    const rewritten = [good[0]!, { ...other[1]!, contractNumber: NUMBER, prev: good[1]!.prev }];
    expect(verifyChain({ entries: rewritten, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "SIGNATURE", seq: 2 });
  });

  it("refuses what makes no sense even when signed: no 版 first, a 版 after 解約, time going back, a wrong content hash", () => {
    const keyFirst = chainOf([normal[1]!, normal[0]!]);
    expect(verifyChain({ entries: keyFirst, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "ORDER", seq: 1 });
    const afterCancel = chainOf([normal[0]!, normal[3]!, { kind: "VERSION", at: "2025-04-01T00:00:00.000Z", data: versionData(2) }]);
    expect(verifyChain({ entries: afterCancel, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "ORDER", seq: 3 });
    const backwards = chainOf([normal[2]!, { ...normal[1]!, at: "2024-01-02T00:00:00.000Z" }].map((d, i) => (i === 0 ? { ...d, data: versionData(1) } : d)));
    expect(verifyChain({ entries: backwards, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "ORDER", seq: 2 });
    const badHash = chainOf([{ ...normal[0]!, data: { ...versionData(1), contentHash: "0".repeat(64) } }]);
    expect(verifyChain({ entries: badHash, contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "CONTENT_HASH", seq: 1 });
    expect(verifyChain({ entries: [], contractNumber: NUMBER, issuers })).toEqual({ ok: false, problem: "EMPTY", seq: 0 });
  });

  it("signs the RFC 8785 canonical JSON of the body", () => {
    const [e] = chainOf([normal[0]!]);
    const { keyId: _k, signature: _s, ...rest } = e!;
    expect(chainEntryBytes({ ...rest, format: CHAIN_ENTRY_FORMAT }).toString("utf8")).toBe(canonicalizeJson({ ...rest, format: CHAIN_ENTRY_FORMAT }));
  });
});

describe("keyVerifierOf", () => {
  it("binds the key to its certificate, needs no secret, and is what the ADR says (anyone can recompute it)", () => {
    expect(keyVerifierOf({ key: "ABCDEFGHJKMNPQRS", contractNumber: "2024-0001235-3" })).not.toBe(verifier);
    expect(keyVerifierOf({ key: "ABCDEFGHJKMNPQRT", contractNumber: NUMBER })).not.toBe(verifier);
    const expected = crypto.createHash("sha256").update(`dsure-key/2\n${NUMBER}\nABCDEFGHJKMNPQRS`).digest("hex");
    expect(verifier).toBe(`sha256:${expected}`);
  });

  it("the verifier of chains from before (v1) needs the issuer's secret, and is never equal to a v2 one", () => {
    const legacy = legacyKeyVerifierOf({ key: "ABCDEFGHJKMNPQRS", contractNumber: NUMBER, hmacKey });
    expect(legacy).toMatch(/^[0-9a-f]{64}$/);
    expect(isLegacyKeyVerifier(legacy)).toBe(true);
    expect(isLegacyKeyVerifier(verifier)).toBe(false);
    expect(legacyKeyVerifierOf({ key: "ABCDEFGHJKMNPQRS", contractNumber: NUMBER, hmacKey: crypto.randomBytes(32) })).not.toBe(legacy);
    expect(() => legacyKeyVerifierOf({ key: "ABCDEFGHJKMNPQRS", contractNumber: NUMBER, hmacKey: Buffer.alloc(16) })).toThrow(RangeError);
    expect(keyVerifiersEqual(verifier, verifier)).toBe(true);
    expect(keyVerifiersEqual(legacy, legacy)).toBe(true);
    // Same digest, different version: not equal.
    expect(keyVerifiersEqual(`sha256:${legacy}`, legacy)).toBe(false);
    expect(keyVerifiersEqual(verifier, "sha256:xyz")).toBe(false);
  });
});

describe("issuersFromEnv", () => {
  const base = {
    NODE_ENV: "production" as const,
    AUTH_KEY_SECRET,
    DSURE_ISSUERS_FILE: undefined,
    CERT_SIGNING_PRIVATE_KEY: key2024.privateKeyPem,
    SURETY_ISSUER_CODE: ISSUER,
    SURETY_NAME: "西日本建設業保証株式会社",
  };
  const withIssuers = (value: unknown) => () => issuersFromEnv({ ...base, DSURE_ISSUERS: JSON.stringify(value) });

  it("derives our own issuer from the signing key when nothing is configured", () => {
    const [own, ...rest] = issuersFromEnv({ ...base, DSURE_ISSUERS: undefined });
    expect(rest).toEqual([]);
    expect(own).toMatchObject({ code: ISSUER, name: "西日本建設業保証株式会社" });
    expect(own!.keys.map((k) => [k.keyId, k.validFrom, k.validTo])).toEqual([[key2024.keyId, null, null]]);
  });

  it("outside production adds the demo 東日本建設業保証 with a key of its own, stable for one AUTH_KEY_SECRET", () => {
    const dev = issuersFromEnv({ ...base, NODE_ENV: "development", DSURE_ISSUERS: undefined });
    expect(dev.map((i) => [i.code, i.name])).toEqual([
      [ISSUER, "西日本建設業保証株式会社"],
      ["higashi-nihon", "東日本建設業保証株式会社"],
    ]);
    const again = issuersFromEnv({ ...base, NODE_ENV: "development", DSURE_ISSUERS: undefined });
    const other = issuersFromEnv({ ...base, NODE_ENV: "development", AUTH_KEY_SECRET: Buffer.alloc(32, 8).toString("base64"), DSURE_ISSUERS: undefined });
    expect(again[1]!.keys[0]!.keyId).toBe(dev[1]!.keys[0]!.keyId);
    expect(other[1]!.keys[0]!.keyId).not.toBe(dev[1]!.keys[0]!.keyId);
    expect(dev[1]!.keys[0]!.keyId).not.toBe(key2024.keyId);
  });

  it("refuses a configuration it cannot trust, saying where", () => {
    expect(() => issuersFromEnv({ ...base, DSURE_ISSUERS: "{" })).toThrow(/DSURE_ISSUERS: is not JSON/);
    expect(withIssuers([])).toThrow(EnvError);
    expect(withIssuers([{ code: ISSUER, name: "x", keys: [{ publicKeyPem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" }] }])).toThrow(/not an Ed25519 public key/);
    expect(withIssuers([{ code: ISSUER, name: "x", keys: [{ keyId: stranger.keyId, publicKeyPem: key2024.publicKeyPem }] }])).toThrow(/keyId: is not this key's id/);
    expect(
      withIssuers([{ code: ISSUER, name: "x", keys: [{ publicKeyPem: key2024.publicKeyPem, validFrom: "2026-01-01T00:00:00Z", validTo: "2025-01-01T00:00:00Z" }] }]),
    ).toThrow(/validTo must be after validFrom/);
    const twice = { code: ISSUER, name: "x", keys: [{ publicKeyPem: key2024.publicKeyPem }] };
    expect(withIssuers([twice, twice])).toThrow(/issuer codes must be unique/);
  });
});
