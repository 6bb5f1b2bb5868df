import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";
import {
  contentHashOf,
  generateSigningKeyPair,
  keyIdOf,
  signCertificateContent,
  verifyCertificateSignature,
} from "@/lib/certificate/signature";

describe("canonicalizeJson (RFC 8785)", () => {
  it("reproduces the RFC 8785 §3.2.2 example", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalizeJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units (RFC 8785 §3.2.3), so an emoji sorts before U+FB33", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // Read the keys off the text: JSON.parse would hand back an object that lists "1" first (integer-like key).
    const keys = [...canonicalizeJson(input).matchAll(/"([^"]*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(keys).toEqual(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
  });

  it("sorts Japanese keys by code unit and keeps Japanese text unescaped", () => {
    const input = { 保証金額: 1, 工事名: "市道１号線改良工事", 契約日: "2024-12-01", ア: true, あ: false, a: null };
    // a U+0061 < あ U+3042 < ア U+30A2 < 保 U+4FDD < 契 U+5951 < 工 U+5DE5 (not 五十音 order)
    expect(canonicalizeJson(input)).toBe(
      '{"a":null,"あ":false,"ア":true,"保証金額":1,"契約日":"2024-12-01","工事名":"市道１号線改良工事"}',
    );
  });

  it.each<[number, string]>([
    [0, "0"],
    [-0, "0"],
    [1, "1"],
    [-1, "-1"],
    [0.1, "0.1"],
    [1e21, "1e+21"],
    [1e20, "100000000000000000000"],
    [1e-6, "0.000001"],
    [1e-7, "1e-7"],
    [123456789012, "123456789012"],
    [9007199254740991, "9007199254740991"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [-1.5e-10, "-1.5e-10"],
    [333333333.3333333, "333333333.3333333"],
  ])("writes the number %d as %s", (n, text) => {
    expect(canonicalizeJson(n)).toBe(text);
  });

  it.each<[string, string]>([
    ['"', '"\\""'],
    ["\\", '"\\\\"'],
    ["/", '"/"'],
    ["\b\f\n\r\t", '"\\b\\f\\n\\r\\t"'],
    ["\u0000\u001f", '"\\u0000\\u001f"'],
    ["\u007f", '"\u007f"'],
    ["\u2028\u2029", '"\u2028\u2029"'],
    ["😀", '"😀"'],
    ["保証", '"保証"'],
  ])("escapes %j as %s", (s, text) => {
    expect(canonicalizeJson(s)).toBe(text);
  });

  it("puts integer-like keys where their code units sort, not first as JavaScript objects do", () => {
    expect(canonicalizeJson({ b: 1, 10: 2, 9: 3, a: 4 })).toBe('{"10":2,"9":3,"a":4,"b":1}');
  });

  it("writes nested arrays and objects without whitespace", () => {
    expect(canonicalizeJson({ b: [1, { d: [], c: {} }], a: "x" })).toBe('{"a":"x","b":[1,{"c":{},"d":[]}]}');
    expect(canonicalizeJson(Object.assign(Object.create(null), { z: 1, y: 2 }))).toBe('{"y":2,"z":1}');
  });

  it.each<[string, unknown]>([
    ["undefined", undefined],
    ["undefined in an object", { a: undefined }],
    ["undefined in an array", [undefined]],
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["-Infinity", { a: [-Infinity] }],
    ["a function", () => 1],
    ["a bigint", 1n],
    ["a symbol", Symbol("x")],
    ["a Date", new Date(0)],
    ["a Map", new Map()],
    ["a class instance", new (class Foo {})()],
    ["an unpaired high surrogate", "\ud83d"],
    ["an unpaired low surrogate", "a\ude00b"],
    ["an unpaired surrogate in a key", { "\ud800": 1 }],
  ])("refuses %s", (_name, value) => {
    expect(() => canonicalizeJson(value)).toThrow(TypeError);
  });

  it("refuses a circular structure but allows the same object twice", () => {
    const shared = { x: 1 };
    expect(canonicalizeJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalizeJson(loop)).toThrow(/circular/);
  });
});

const certificate = {
  contractNumber: "2024-0001234-0",
  guaranteeType: "ADVANCE_PAYMENT",
  orderer: { name: "鹿児島市", department: "建設局 道路建設課" },
  contractor: { name: "デモ建設株式会社", address: "鹿児島県鹿児島市山下町11-1", representative: "代表取締役 鹿児島 太郎" },
  workName: "市道１号線改良工事",
  contractAmount: 50_000_000,
  guaranteeAmount: 20_000_000,
  period: { from: "2024-12-10", to: "2025-03-25" },
  fee: 31_000,
  version: 1,
  history: [{ version: 1, summary: "新規" }],
} satisfies JsonValue;

/** Every string leaf, with a function that returns a copy where that string has one character changed. */
function stringMutations(value: JsonValue): Array<[string, () => JsonValue]> {
  const out: Array<[string, () => JsonValue]> = [];
  const walk = (v: JsonValue, path: (string | number)[]) => {
    if (typeof v === "string") {
      out.push([
        path.join("."),
        () => {
          const copy = structuredClone(value) as Record<string | number, JsonValue>;
          let parent: Record<string | number, JsonValue> = copy;
          for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, JsonValue>;
          const s = v;
          const i = Math.floor(s.length / 2);
          parent[path.at(-1)!] = s.slice(0, i) + (s[i] === "1" ? "2" : "1") + s.slice(i + 1);
          return copy;
        },
      ]);
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v && typeof v === "object") for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
  };
  walk(value, []);
  return out;
}

describe("certificate signatures (Ed25519 over canonical JSON)", () => {
  const pair = generateSigningKeyPair();
  const other = generateSigningKeyPair();

  it("generates PEM keys and a key id derived from the public key", () => {
    expect(pair.privateKeyPem).toContain("BEGIN PRIVATE KEY");
    expect(pair.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(pair.keyId).toMatch(/^[0-9a-f]{16}$/);
    const der = crypto.createPublicKey(pair.publicKeyPem).export({ type: "spki", format: "der" });
    expect(pair.keyId).toBe(crypto.createHash("sha256").update(der).digest("hex").slice(0, 16));
    expect(keyIdOf(pair.publicKeyPem)).toBe(pair.keyId);
    expect(other.keyId).not.toBe(pair.keyId);
  });

  it("signs and verifies a certificate, returning the key id and the content hash", () => {
    const signed = signCertificateContent({ content: certificate, privateKeyPem: pair.privateKeyPem, keyId: pair.keyId });
    expect(signed.keyId).toBe(pair.keyId);
    expect(signed.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(signed.contentHash).toBe(crypto.createHash("sha256").update(canonicalizeJson(certificate)).digest("hex"));
    expect(signed.contentHash).toBe(contentHashOf(certificate));
    expect(verifyCertificateSignature({ content: certificate, signature: signed.signature, publicKeyPem: pair.publicKeyPem })).toBe(true);
  });

  it("derives the key id when none is given, and refuses a key id that belongs to another key", () => {
    expect(signCertificateContent({ content: certificate, privateKeyPem: pair.privateKeyPem }).keyId).toBe(pair.keyId);
    expect(() =>
      signCertificateContent({ content: certificate, privateKeyPem: pair.privateKeyPem, keyId: other.keyId }),
    ).toThrow(/does not match/);
  });

  it("verifies regardless of key order, because the canonical form is signed", () => {
    const { signature } = signCertificateContent({ content: certificate, privateKeyPem: pair.privateKeyPem });
    const reordered = Object.fromEntries(Object.entries(certificate).reverse()) as JsonValue;
    expect(verifyCertificateSignature({ content: reordered, signature, publicKeyPem: pair.publicKeyPem })).toBe(true);
    expect(contentHashOf(reordered)).toBe(contentHashOf(certificate));
  });

  const { signature } = signCertificateContent({ content: certificate, privateKeyPem: pair.privateKeyPem });

  it.each(stringMutations(certificate))("fails when one character of %s changes", (_path, mutate) => {
    const altered = mutate();
    expect(canonicalizeJson(altered)).not.toBe(canonicalizeJson(certificate));
    expect(verifyCertificateSignature({ content: altered, signature, publicKeyPem: pair.publicKeyPem })).toBe(false);
  });

  it("fails when a number changes, a field is added, or one is removed", () => {
    const verify = (content: JsonValue) =>
      verifyCertificateSignature({ content, signature, publicKeyPem: pair.publicKeyPem });
    expect(verify({ ...certificate, guaranteeAmount: 20_000_001 })).toBe(false);
    expect(verify({ ...certificate, extra: null })).toBe(false);
    const { fee: _fee, ...withoutFee } = certificate;
    expect(verify(withoutFee)).toBe(false);
  });

  it("fails under another public key", () => {
    expect(verifyCertificateSignature({ content: certificate, signature, publicKeyPem: other.publicKeyPem })).toBe(false);
  });

  it.each<[string, string, string]>([
    ["an empty signature", "", "pair"],
    ["a truncated signature", signature.slice(0, -2), "pair"],
    ["a signature with a stray character", `${signature.slice(0, 40)}!${signature.slice(40)}`, "pair"],
    ["a signature in standard base64", Buffer.from(signature, "base64url").toString("base64"), "pair"],
    ["a non-PEM public key", signature, "not a key"],
    ["a non-Ed25519 public key", signature, "rsa"],
  ])("returns false, without throwing, for %s", (_name, sig, keyKind) => {
    const publicKeyPem =
      keyKind === "pair"
        ? pair.publicKeyPem
        : keyKind === "rsa"
          ? crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString()
          : keyKind;
    expect(verifyCertificateSignature({ content: certificate, signature: sig, publicKeyPem })).toBe(false);
  });

  it("returns false for content that cannot be canonicalized", () => {
    const content = { ...certificate, fee: NaN } as JsonValue;
    expect(verifyCertificateSignature({ content, signature, publicKeyPem: pair.publicKeyPem })).toBe(false);
  });

  it("refuses to sign with a key that is not Ed25519", () => {
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => signCertificateContent({ content: certificate, privateKeyPem: rsa })).toThrow(/Ed25519/);
  });
});
