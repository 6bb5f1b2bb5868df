/**
 * The 認証キー's verifier in D-Sure's chain needs no secret of the surety's (v2, `sha256:…`). A chain registered before
 * carries a verifier made with the surety's AUTH_KEY_SECRET (v1): a D-Sure holding that secret still opens it, one
 * without it does not, and the one-time upgrade (upgradeKeyVerifiers, run by db:migrate) registers the same key again
 * with a v2 verifier, after which D-Sure opens it with no secret at all. The key notice stays valid throughout.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { dsureDb } from "@/lib/dsure/db";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { legacyKeyVerifierOf } from "@/lib/dsure/chain-format";
import { enqueueCertificateRegistration } from "@/lib/certificate/enqueue-certificate-registration";
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

/** D-Sure as it runs alone in production: no secret of the surety's, only its issuers' public keys. */
async function asDsureAlone<T>(fn: () => Promise<T>): Promise<T> {
  const publicKeyPem = crypto.createPublicKey(crypto.createPrivateKey(suretySecret("CERT_SIGNING_PRIVATE_KEY"))).export({ type: "spki", format: "pem" }).toString();
  const issuers = JSON.stringify([{ code: env().SURETY_ISSUER_CODE, name: env().SURETY_NAME, keys: [{ publicKeyPem }] }]);
  const saved = { ...process.env };
  for (const k of ["AUTH_SECRET", "AUTH_KEY_SECRET", "CERT_SIGNING_PRIVATE_KEY", "SMTP_URL"]) delete process.env[k];
  Object.assign(process.env, { NODE_ENV: "production", APP_ROLES: "dsure", DSURE_ISSUERS: issuers });
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
  it("is v2 for every key registered now: D-Sure opens it holding no secret of the surety's", async () => {
    const c = await createConcludedCertificate(db);
    const chain = await dsureDb.dsureChainEntry.findMany({ where: { contractNumber: c.contractNumber, kind: "KEY" } });
    expect((chain[0]!.data as { keyVerifier: string }).keyVerifier).toMatch(/^sha256:[0-9a-f]{64}$/);
    const r = await asDsureAlone(() => look(c));
    expect(r.ok && r.view.contractNumber).toBe(c.contractNumber);
  });

  it("a chain from before (v1) opens where D-Sure has the secret, and after the upgrade everywhere, with the same key", async () => {
    const c = await createConcludedCertificate(db);
    // As an older version registered it: the key in force named by a verifier made with AUTH_KEY_SECRET.
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "GuaranteeContract" WHERE "id" = ${c.contractId}::uuid FOR UPDATE`;
      await enqueueCertificateRegistration(tx, {
        contractId: c.contractId,
        contractNumber: c.contractNumber,
        at: new Date(),
        entry: { kind: "KEY", data: { keyVerifier: legacyKeyVerifierOf({ key: c.authKey, contractNumber: c.contractNumber, hmacKey: authKeyKeys().hmacKey }), reissue: false } },
      });
    });
    await drainCertificateRegistrations({ db });
    expect((await look(c)).ok).toBe(true); // the one-app layout: D-Sure has the secret
    expect(await asDsureAlone(() => look(c))).toEqual({ ok: false, reason: "NOT_FOUND" });

    expect(await upgradeKeyVerifiers({ db })).toBeGreaterThanOrEqual(1);
    await drainCertificateRegistrations({ db });
    const keys = await dsureDb.dsureChainEntry.findMany({ where: { contractNumber: c.contractNumber, kind: "KEY" }, orderBy: { seq: "asc" } });
    expect(keys.map((k) => (k.data as { keyVerifier: string }).keyVerifier.startsWith("sha256:"))).toEqual([true, false, true]);
    const alone = await asDsureAlone(() => look(c));
    expect(alone.ok && alone.view.displayStatus).toBe("VALID");
    expect((await look(c)).ok).toBe(true);
    // Once is enough.
    expect(await upgradeKeyVerifiers({ db })).toBe(0);
  });
});
