import { describe, expect, it } from "vitest";
import { createLruCache } from "@/lib/cache/create-lru-cache";
import { generateSigningKeyPair, parsePublicKeyPem, signCertificateContent } from "@/lib/certificate/signature";
import { verifyCertificateVersion } from "@/lib/certificate/verify-certificate-version";

describe("createLruCache", () => {
  it("keeps at most maxEntries and evicts the least recently used first", () => {
    const c = createLruCache<string, number>(2);
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1); // a is now the most recently used
    c.set("c", 3);
    expect(c.size).toBe(2);
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe(1);
    expect(c.get("c")).toBe(3);
  });
});

describe("parsePublicKeyPem", () => {
  it("parses a PEM once and answers for anything that is not a key without throwing", () => {
    const pair = generateSigningKeyPair();
    const first = parsePublicKeyPem(pair.publicKeyPem);
    expect(parsePublicKeyPem(pair.publicKeyPem)).toBe(first);
    expect(first).toMatchObject({ keyId: pair.keyId, ed25519: true });
    expect(parsePublicKeyPem("not a key")).toMatchObject({ key: null, keyId: null, ed25519: false });
  });
});

describe("verifyCertificateVersion with verified signatures remembered", () => {
  const pair = generateSigningKeyPair();
  const content = { contractNumber: "2024-0000001-8", guarantee: { amount: 1_000_000 }, work: { name: "市道改良工事" } };
  const signed = signCertificateContent({ content, privateKeyPem: pair.privateKeyPem });
  const stored = { contentHash: signed.contentHash, signature: signed.signature, signingKeyId: signed.keyId, publicKeyPem: pair.publicKeyPem };

  it("still catches a snapshot altered after the same version verified (same stored hash and signature)", () => {
    expect(verifyCertificateVersion({ ...stored, content }).ok).toBe(true);
    expect(verifyCertificateVersion({ ...stored, content }).ok).toBe(true); // from the cache
    const altered = structuredClone(content);
    altered.guarantee.amount += 1;
    expect(verifyCertificateVersion({ ...stored, content: altered })).toEqual({
      signatureValid: false, contentHashValid: false, keyIdValid: true, ok: false,
    });
    expect(verifyCertificateVersion({ ...stored, content }).ok).toBe(true);
  });

  it("still catches a stored hash rewritten to match an altered snapshot", () => {
    expect(verifyCertificateVersion({ ...stored, content }).ok).toBe(true);
    const altered = { ...content, work: { name: "別の工事" } };
    const rehashed = signCertificateContent({ content: altered, privateKeyPem: generateSigningKeyPair().privateKeyPem }).contentHash;
    expect(verifyCertificateVersion({ ...stored, content: altered, contentHash: rehashed })).toMatchObject({
      signatureValid: false, contentHashValid: true, ok: false,
    });
  });

  it("still catches another key put in place of the signing key, and a changed signature", () => {
    expect(verifyCertificateVersion({ ...stored, content }).ok).toBe(true);
    const other = generateSigningKeyPair();
    expect(verifyCertificateVersion({ ...stored, content, publicKeyPem: other.publicKeyPem })).toMatchObject({
      signatureValid: false, keyIdValid: false, ok: false,
    });
    // Another key's signature under the stored key id: the key id no longer names the key it is stored with.
    const resigned = signCertificateContent({ content, privateKeyPem: other.privateKeyPem });
    expect(verifyCertificateVersion({ ...stored, content, signature: resigned.signature })).toMatchObject({ signatureValid: false, ok: false });
    expect(verifyCertificateVersion({ ...stored, content, publicKeyPem: "garbage" })).toMatchObject({ signatureValid: false, keyIdValid: false, ok: false });
  });
});
