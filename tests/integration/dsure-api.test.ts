import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { createDsureClient } from "@/lib/dsure/db";
import { POST } from "@/app/api/dsure/v1/lookup/route";
import { GET as getPublicKeys } from "@/app/api/dsure/v1/public-keys/route";
import { pinnedDsureKey } from "@/lib/certificate/pinned-dsure-key";
import { GET as getOpenApi } from "@/app/api/dsure/v1/openapi.json/route";
import { formatContractNumber } from "@/lib/contract-number/format-contract-number";
import { DSURE_LIMITS } from "@/lib/dsure/limits";
import { generateSigningKeyPair } from "@/lib/certificate/signature";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate, tamperWithCertificate, type CertificateFixture } from "../support/certificate-fixtures";

const db = createPrismaClient(process.env.DATABASE_URL!, 3);
const dsure = createDsureClient(process.env.DATABASE_URL!, 3);

let ipCounter = 0;
function post(body: unknown, { ip = `192.0.2.${++ipCounter}`, raw = false } = {}) {
  return POST(
    new Request("http://localhost/api/dsure/v1/lookup", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip, "user-agent": "api-test" },
      body: raw ? (body as string) : JSON.stringify(body),
    }),
  );
}

const wrongKeyFor = (key: string) => (key.startsWith("A") ? "B" : "A") + key.slice(1);

let cert: CertificateFixture;

beforeAll(async () => {
  await seed(db);
  cert = await createConcludedCertificate(db, { versions: 2 });
});

afterAll(async () => {
  await Promise.all([db.$disconnect(), dsure.$disconnect()]);
});

describe("POST /api/dsure/v1/lookup", () => {
  it("returns the current certificate, its versions, status, signature, key id and integrity", async () => {
    const res = await post({ contractNumber: cert.contractNumber.replaceAll("-", ""), authKey: cert.authKeyFormatted.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({
      contractNumber: cert.contractNumber,
      guaranteeType: "ADVANCE_PAYMENT",
      status: "VALID",
      statusLabel: "有効",
      integrity: { verified: true },
      currentVersion: 2,
      certificate: {
        version: 2,
        signature: { algorithm: "Ed25519", keyId: cert.signingKey.keyId },
        integrity: { verified: true, signatureValid: true, contentHashValid: true, keyIdValid: true },
      },
    });
    expect(body.certificate.content.work.name).toBe(cert.workName);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(JSON.stringify(body).toUpperCase().replace(/[^0-9A-Z]/g, "")).not.toContain(cert.authKey);
  });

  it("gives byte-identical 404s for an unknown number and for a wrong key", async () => {
    const [year, seq] = cert.contractNumber.split("-");
    const unknown = formatContractNumber({ fiscalYear: Number(year), sequence: Number(seq) + 500 });
    const a = await post({ contractNumber: unknown, authKey: cert.authKey });
    const b = await post({ contractNumber: cert.contractNumber, authKey: wrongKeyFor(cert.authKey) });
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    const [bytesA, bytesB] = [Buffer.from(await a.arrayBuffer()), Buffer.from(await b.arrayBuffer())];
    expect(bytesA.equals(bytesB)).toBe(true);
    expect([...a.headers.entries()]).toEqual([...b.headers.entries()]);
    expect(JSON.parse(bytesA.toString("utf8"))).toEqual({ error: "not_found", message: "保証契約番号または認証キーが正しくありません" });
  });

  it("answers 400 for a body that is not a JSON object", async () => {
    for (const body of ["{", "", "null", "[1,2]", '"text"', "\u0000"]) {
      const res = await post(body, { raw: true });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error).toBe("invalid_json");
    }
  });

  it("answers 422 for missing or malformed fields and for a wrong check digit, counted against the address only", async () => {
    const ip = "192.0.2.200";
    const cases: unknown[] = [
      {},
      { contractNumber: cert.contractNumber },
      { contractNumber: 20240000001, authKey: cert.authKey },
      { contractNumber: cert.contractNumber, authKey: "short" },
      { contractNumber: "x".repeat(65), authKey: cert.authKey },
      { contractNumber: "not a number", authKey: cert.authKey },
    ];
    for (const body of cases) {
      const res = await post(body, { ip });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).error).toBe("validation_failed");
    }
    const badCheck = cert.contractNumber.slice(0, -1) + String((Number(cert.contractNumber.slice(-1)) + 1) % 10);
    for (let i = 0; i < 12; i++) {
      const res = await post({ contractNumber: badCheck, authKey: cert.authKey }, { ip });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: "invalid_contract_number", message: "保証契約番号に誤りがあります" });
    }
    expect(await dsure.dsureThrottleCounter.findUnique({ where: { key: `dsure:ip:${ip}` } })).toMatchObject({ failures: 18 });
    expect(await dsure.dsureThrottleCounter.count({ where: { key: `dsure:no-ip:${cert.contractNumber}:${ip}` } })).toBe(0);
    expect((await post({ contractNumber: cert.contractNumber, authKey: cert.authKey }, { ip })).status).toBe(200);
  });

  it("answers 415 unless the body is declared application/json, and counts it against the address", async () => {
    const ip = "192.0.2.251";
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const res = await POST(
        new Request("http://localhost/api/dsure/v1/lookup", {
          method: "POST",
          headers: { ...(type ? { "content-type": type } : {}), "x-forwarded-for": ip },
          body: JSON.stringify({ contractNumber: cert.contractNumber, authKey: cert.authKey }),
        }),
      );
      expect(res.status, type).toBe(415);
      expect((await res.json()).error).toBe("unsupported_media_type");
    }
    expect(await dsure.dsureThrottleCounter.findUnique({ where: { key: `dsure:ip:${ip}` } })).toMatchObject({ failures: 3 });
    const withCharset = await POST(
      new Request("http://localhost/api/dsure/v1/lookup", {
        method: "POST",
        headers: { "content-type": "Application/JSON; charset=utf-8", "x-forwarded-for": ip },
        body: JSON.stringify({ contractNumber: cert.contractNumber, authKey: cert.authKey }),
      }),
    );
    expect(withCharset.status).toBe(200);
  });

  it("answers 413 for an oversized body rather than reading it", async () => {
    const res = await post({ contractNumber: cert.contractNumber, authKey: cert.authKey, padding: "x".repeat(10_000) });
    expect(res.status).toBe(413);
  });

  it("answers 429 with Retry-After once an address has failed 5 times for a number; another address is served", async () => {
    const target = await createConcludedCertificate(db);
    const ip = "192.0.2.250";
    for (let i = 0; i < DSURE_LIMITS.pair; i++) {
      expect((await post({ contractNumber: target.contractNumber, authKey: wrongKeyFor(target.authKey) }, { ip })).status).toBe(404);
    }
    const res = await post({ contractNumber: target.contractNumber, authKey: target.authKey }, { ip });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await res.json()).error).toBe("too_many_attempts");
    expect((await post({ contractNumber: target.contractNumber, authKey: target.authKey })).status).toBe(200);
  });

  it("reports tampered content as 改ざんの疑いがあります with the reason, and nothing of the certificate", async () => {
    const target = await createConcludedCertificate(db);
    await tamperWithCertificate(dsure, {
      contractNumber: target.contractNumber,
      change: (c) => {
        (c.guarantee as { amount: number }).amount = 99_999_999;
      },
    });
    const res = await post({ contractNumber: target.contractNumber, authKey: target.authKey });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      contractNumber: target.contractNumber,
      status: "TAMPERED",
      statusLabel: "改ざんの疑いがあります",
      integrity: { verified: false, message: "改ざんの疑いがあります", reason: "signature", reasonLabel: "電子署名が記録の内容と一致しません", seq: 1 },
      checkedAt: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toContain("99999999");
  });

  it("logs API look-ups on the API channel", async () => {
    const target = await createConcludedCertificate(db);
    await post({ contractNumber: target.contractNumber, authKey: target.authKey }, { ip: "192.0.2.250" });
    const rows = await dsure.dsureAccessLog.findMany({ where: { contractNumber: target.contractNumber } });
    expect(rows.map((r) => [r.channel, r.outcome, r.clientIp, r.userAgent])).toEqual([["API", "VIEW", "192.0.2.250", "api-test"]]);
  });
});

describe("GET /api/dsure/v1/public-keys", () => {
  it("lists the configured issuers' keys with their validity — never a key found in a table — and may be cached", async () => {
    const planted = generateSigningKeyPair();
    await db.signingKey.create({ data: { keyId: planted.keyId, publicKeyPem: planted.publicKeyPem } });
    const res = await getPublicKeys();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/public/);
    const { keys, registry } = await res.json();
    // D-Sure's own key (its receipts): the one the surety pins.
    expect(registry).toEqual({ name: "日本電子認証株式会社", keyId: expect.stringMatching(/^[0-9a-f]{16}$/), algorithm: "Ed25519", publicKeyPem: pinnedDsureKey(), jwk: expect.objectContaining({ crv: "Ed25519" }) });
    expect(keys).toEqual([
      {
        issuer: "nishi-nihon",
        issuerName: "西日本建設業保証株式会社",
        keyId: cert.signingKey.keyId,
        algorithm: "Ed25519",
        publicKeyPem: cert.signingKey.publicKeyPem,
        jwk: { kty: "OKP", crv: "Ed25519", x: expect.any(String) },
        validFrom: null,
        validTo: null,
      },
      // Outside production the default configuration also trusts the demo second surety (its key, not a table's).
      expect.objectContaining({ issuer: "higashi-nihon", issuerName: "東日本建設業保証株式会社", validFrom: null, validTo: null }),
    ]);
    expect(keys.map((k: { keyId: string }) => k.keyId)).not.toContain(planted.keyId);
  });
});

describe("GET /api/dsure/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document describing the look-up and its answers", async () => {
    const doc = await (await getOpenApi()).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths["/api/dsure/v1/lookup"].post.responses)).toEqual(
      expect.arrayContaining(["200", "400", "404", "422", "429"]),
    );
    expect(doc.paths["/api/dsure/v1/public-keys"].get).toBeDefined();
  });
});
