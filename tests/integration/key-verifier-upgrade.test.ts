/**
 * The 認証キー in D-Sure's chain is sealed (docs/decisions/012): the chain carries a salted commitment, D-Sure keeps the
 * opening (salt and verifier, `sha256:…`) beside it and needs no secret of the surety's. A chain registered before
 * carries a bare verifier — made with the surety's AUTH_KEY_SECRET (v1), or a plain SHA-256 of the key (v2): a D-Sure
 * holding that secret still opens a v1 chain, one without it does not, and the one-time upgrade (upgradeKeyVerifiers,
 * run by db:migrate) registers the same key again, sealed, after which D-Sure opens it with no secret at all. The key
 * notice stays valid throughout. An opening that does not open the signed commitment opens nothing.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { dsureDb } from "@/lib/dsure/db";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { CHAIN_ENTRY_FORMAT, chainEntryBytes, chainEntryHash, keyCommitmentOf, keyVerifierOf, legacyKeyVerifierOf, type ChainEntryBody } from "@/lib/dsure/chain-format";
import { issuerSignerOf } from "@/lib/certificate/enqueue-certificate-registration";
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { upgradeKeyVerifiers } from "@/lib/certificate/upgrade-key-verifiers";
import { authKeyKeys, env, resetEnvForTests, suretySecret } from "@/lib/env";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate, type CertificateFixture } from "../support/certificate-fixtures";

const db = createPrismaClient(process.env.DATABASE_URL!, 3);

beforeAll(async () => {
  await seed(db);
});

afterAll(async () => {
  await db.$disconnect();
});

let ip = 0;
const look = (c: CertificateFixture) =>
  lookupCertificate({ contractNumber: c.contractNumber, authKey: c.authKey, clientIp: `203.0.113.${++ip}`, userAgent: "verifier-test", channel: "API" });

/** A KEY entry as an older version registered it: the key named by a bare verifier, unsealed. */
async function registerUnsealedKey(c: CertificateFixture, keyVerifier: string) {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "GuaranteeContract" WHERE "id" = ${c.contractId}::uuid FOR UPDATE`;
    const last = await tx.certificateRegistration.findFirstOrThrow({ where: { contractId: c.contractId }, orderBy: { seq: "desc" } });
    const signer = issuerSignerOf(suretySecret("CERT_SIGNING_PRIVATE_KEY"));
    const body: ChainEntryBody = {
      format: CHAIN_ENTRY_FORMAT, issuer: env().SURETY_ISSUER_CODE, contractNumber: c.contractNumber, seq: last.seq + 1, kind: "KEY",
      at: new Date().toISOString(), prev: last.hash, data: { keyVerifier, reissue: false },
    };
    const signed = { ...body, keyId: signer.keyId, signature: crypto.sign(null, chainEntryBytes(body), signer.privateKey).toString("base64url") };
    await tx.certificateRegistration.create({
      data: { contractId: c.contractId, contractNumber: c.contractNumber, seq: body.seq, kind: "KEY", entry: signed, hash: chainEntryHash(signed) },
    });
  });
}

/** D-Sure as it runs alone in production: no secret of the surety's, only its issuers' public keys. */
async function asDsureAlone<T>(fn: () => Promise<T>): Promise<T> {
  const publicKeyPem = crypto.createPublicKey(crypto.createPrivateKey(suretySecret("CERT_SIGNING_PRIVATE_KEY"))).export({ type: "spki", format: "pem" }).toString();
  const issuers = JSON.stringify([{ code: env().SURETY_ISSUER_CODE, name: env().SURETY_NAME, keys: [{ publicKeyPem }] }]);
  const saved = { ...process.env };
  const dsureKey = env().DSURE_SIGNING_PRIVATE_KEY!;
  for (const k of ["AUTH_SECRET", "AUTH_KEY_SECRET", "CERT_SIGNING_PRIVATE_KEY", "SMTP_URL"]) delete process.env[k];
  Object.assign(process.env, { NODE_ENV: "production", APP_ROLES: "dsure", DSURE_ISSUERS: issuers, DSURE_SIGNING_PRIVATE_KEY: dsureKey });
  resetEnvForTests();
  try {
    expect(env().AUTH_KEY_SECRET).toBeUndefined();
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    resetEnvForTests();
  }
}

describe("the key's verifier at D-Sure", () => {
  it("is sealed for every key registered now: D-Sure opens it holding no secret of the surety's", async () => {
    const c = await createConcludedCertificate(db);
    const chain = await dsureDb.dsureChainEntry.findMany({ where: { contractNumber: c.contractNumber, kind: "KEY" } });
    const data = chain[0]!.data as { keyCommitment: string; keyVerifier?: string };
    // The chain: the commitment only. D-Sure, beside it: the opening, which opens the commitment and names this key.
    expect(data).toEqual({ keyCommitment: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), reissue: false });
    const opening = chain[0]!.keyOpening as { salt: string; keyVerifier: string };
    expect(keyCommitmentOf(opening)).toBe(data.keyCommitment);
    expect(opening.keyVerifier).toBe(keyVerifierOf({ key: c.authKey, contractNumber: c.contractNumber }));
    const r = await asDsureAlone(() => look(c));
    expect(r.ok && r.view.contractNumber).toBe(c.contractNumber);
  });

  it("an opening changed in D-Sure's table opens nothing: 改ざんの疑い, not the certificate", async () => {
    const c = await createConcludedCertificate(db);
    const entry = await dsureDb.dsureChainEntry.findFirstOrThrow({ where: { contractNumber: c.contractNumber, kind: "KEY" } });
    const opening = entry.keyOpening as { salt: string; keyVerifier: string };
    const otherSalt = crypto.randomBytes(32).toString("base64url");
    await dsureDb.dsureChainEntry.update({ where: { id: entry.id }, data: { keyOpening: { ...opening, salt: otherSalt } } });
    expect(await look(c)).toMatchObject({ ok: false, reason: "TAMPERED", problem: "KEY_BINDING" });
    await dsureDb.dsureChainEntry.update({ where: { id: entry.id }, data: { keyOpening: opening } });
    expect((await look(c)).ok).toBe(true);
  });

  it("a chain from before (v1) opens where D-Sure has the secret, and after the upgrade everywhere, with the same key", async () => {
    const c = await createConcludedCertificate(db);
    // As an older version registered it: the key in force named by a verifier made with AUTH_KEY_SECRET.
    await registerUnsealedKey(c, legacyKeyVerifierOf({ key: c.authKey, contractNumber: c.contractNumber, hmacKey: authKeyKeys().hmacKey }));
    await drainCertificateRegistrations({ db });
    expect((await look(c)).ok).toBe(true); // the one-app layout: D-Sure has the secret
    expect(await asDsureAlone(() => look(c))).toEqual({ ok: false, reason: "NOT_FOUND" });

    expect(await upgradeKeyVerifiers({ db })).toBeGreaterThanOrEqual(1);
    await drainCertificateRegistrations({ db });
    const keys = await dsureDb.dsureChainEntry.findMany({ where: { contractNumber: c.contractNumber, kind: "KEY" }, orderBy: { seq: "asc" } });
    expect(keys.map((k) => ("keyCommitment" in (k.data as object) ? "sealed" : "bare"))).toEqual(["sealed", "bare", "sealed"]);
    const alone = await asDsureAlone(() => look(c));
    expect(alone.ok && alone.view.displayStatus).toBe("VALID");
    expect((await look(c)).ok).toBe(true);
    // Once is enough.
    expect(await upgradeKeyVerifiers({ db })).toBe(0);
  });

  it("a chain naming the key by a plain SHA-256 (v2) is sealed by the upgrade too", async () => {
    const c = await createConcludedCertificate(db);
    await registerUnsealedKey(c, keyVerifierOf({ key: c.authKey, contractNumber: c.contractNumber }));
    await drainCertificateRegistrations({ db });
    expect((await look(c)).ok).toBe(true);
    expect(await upgradeKeyVerifiers({ db })).toBe(1);
    await drainCertificateRegistrations({ db });
    const newest = await dsureDb.dsureChainEntry.findFirstOrThrow({ where: { contractNumber: c.contractNumber }, orderBy: { seq: "desc" } });
    expect(Object.keys(newest.data as object).sort()).toEqual(["keyCommitment", "reissue"]);
    expect((await asDsureAlone(() => look(c))).ok).toBe(true);
  });
});
