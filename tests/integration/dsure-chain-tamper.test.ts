/**
 * The tamper table: each row a direct SQL change against the database, as an insider or an intruder with `psql` could
 * make it. D-Sure shows only what the certificate's signed chain says: a change to its own record is flagged as
 * 改ざんの疑いがあります with the reason (the page shows the same result, see tests/e2e/dsure-orderer-view.spec.ts);
 * a change to the surety's tables changes nothing D-Sure shows.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { createDsureClient } from "@/lib/dsure/db";
import { POST } from "@/app/api/dsure/v1/lookup/route";
import { CHAIN_ENTRY_FORMAT, chainEntryBytes, type ChainEntryBody } from "@/lib/dsure/chain-format";
import { generateSigningKeyPair, signCertificateContent } from "@/lib/certificate/signature";
import type { JsonValue } from "@/lib/certificate/canonical-json";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate, type CertificateFixture } from "../support/certificate-fixtures";

const db = createPrismaClient(process.env.DATABASE_URL!, 3);
/** D-Sure's own client on the same database (its tables are not the surety's). */
const dsure = createDsureClient(process.env.DATABASE_URL!, 3);

let ipCounter = 0;
async function lookUp(cert: Pick<CertificateFixture, "contractNumber">, authKey: string) {
  const res = await POST(
    new Request("http://localhost/api/dsure/v1/lookup", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${++ipCounter}` },
      body: JSON.stringify({ contractNumber: cert.contractNumber, authKey }),
    }),
  );
  return { status: res.status, body: await res.json() };
}

/** What the orderer is told when the chain fails: TAMPERED, the reason, and nothing of the certificate. */
async function expectTampered(cert: CertificateFixture, reason: string, seq?: number) {
  const { status, body } = await lookUp(cert, cert.authKey);
  expect(status).toBe(200);
  expect(body).toMatchObject({ contractNumber: cert.contractNumber, status: "TAMPERED", statusLabel: "改ざんの疑いがあります" });
  expect(body.integrity).toMatchObject({ verified: false, reason, ...(seq === undefined ? {} : { seq }) });
  expect(body.certificate).toBeUndefined();
  expect(body.versions).toBeUndefined();
}

async function expectShown(cert: CertificateFixture, status: "VALID" | "CANCELLED") {
  const r = await lookUp(cert, cert.authKey);
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ status, integrity: { verified: true } });
  return r.body;
}

const chainOf = (contractNumber: string) =>
  dsure.dsureChainEntry.findMany({ where: { contractNumber }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  await seed(db);
});

afterAll(async () => {
  await Promise.all([db.$disconnect(), dsure.$disconnect()]);
});

describe("tampering with D-Sure's record of a certificate", () => {
  it("the content of a 版 (its entry in the chain): flagged, signature", async () => {
    const cert = await createConcludedCertificate(db, { versions: 2 });
    await expectShown(cert, "VALID");
    await db.$executeRaw`
      UPDATE "dsure"."DsureChainEntry" SET "data" = jsonb_set("data", '{content,guarantee,amount}', '99999999')
      WHERE "contractNumber" = ${cert.contractNumber} AND "kind" = 'VERSION' AND ("data"->>'version')::int = 1`;
    await expectTampered(cert, "signature", 1);
  });

  it("the content of a 版 in the surety's tables: D-Sure shows the signed content, unchanged", async () => {
    const cert = await createConcludedCertificate(db);
    await db.$executeRaw`
      UPDATE "CertificateVersion" SET "content" = jsonb_set("content", '{work,name}', '"別の工事"')
      WHERE "contractId" = ${cert.contractId}::uuid`;
    const body = await expectShown(cert, "VALID");
    expect(body.certificate.content.work.name).toBe(cert.workName);
  });

  it("the status and the cancellation fields in the surety's tables: D-Sure still shows what the chain says", async () => {
    const active = await createConcludedCertificate(db);
    await db.$executeRaw`
      UPDATE "GuaranteeContract" SET "status" = 'CANCELLED', "cancelledAt" = now(), "cancelDate" = '2025-01-15', "cancelReason" = '偽'
      WHERE "id" = ${active.contractId}::uuid`;
    await db.$executeRaw`UPDATE "CertificateVersion" SET "cancelledAt" = now() WHERE "contractId" = ${active.contractId}::uuid`;
    await expectShown(active, "VALID");

    const cancelled = await createConcludedCertificate(db, { status: "CANCELLED" });
    await expectShown(cancelled, "CANCELLED");
    await db.$executeRaw`
      UPDATE "GuaranteeContract" SET "status" = 'ACTIVE', "cancelledAt" = NULL, "cancelDate" = NULL, "cancelReason" = NULL
      WHERE "id" = ${cancelled.contractId}::uuid`;
    await db.$executeRaw`UPDATE "CertificateVersion" SET "cancelledAt" = NULL WHERE "contractId" = ${cancelled.contractId}::uuid`;
    const body = await expectShown(cancelled, "CANCELLED");
    expect(body.cancelDate).toBe("2025-01-15");
  });

  it("the 解約 in the chain: its date changed, or its entry turned into something else: flagged", async () => {
    const moved = await createConcludedCertificate(db, { status: "CANCELLED" });
    await db.$executeRaw`
      UPDATE "dsure"."DsureChainEntry" SET "data" = jsonb_set("data", '{cancelDate}', '"2099-01-01"')
      WHERE "contractNumber" = ${moved.contractNumber} AND "kind" = 'CANCEL'`;
    await expectTampered(moved, "signature", 3);

    const undone = await createConcludedCertificate(db, { status: "CANCELLED" });
    await db.$executeRaw`
      UPDATE "dsure"."DsureChainEntry" SET "kind" = 'KEY',
        ("data", "keyOpening") = (SELECT "data", "keyOpening" FROM "dsure"."DsureChainEntry" k WHERE k."contractNumber" = ${undone.contractNumber} AND k."kind" = 'KEY')
      WHERE "contractNumber" = ${undone.contractNumber} AND "kind" = 'CANCEL'`;
    await expectTampered(undone, "signature", 3);
  });

  it("an entry deleted: flagged, sequence", async () => {
    const cert = await createConcludedCertificate(db, { versions: 3 });
    await db.$executeRaw`
      DELETE FROM "dsure"."DsureChainEntry" WHERE "contractNumber" = ${cert.contractNumber} AND "kind" = 'VERSION' AND ("data"->>'version')::int = 2`;
    await expectTampered(cert, "sequence");
  });

  it("two entries' sequence numbers swapped: flagged", async () => {
    const cert = await createConcludedCertificate(db, { versions: 3 });
    const n = cert.contractNumber;
    await db.$transaction([
      db.$executeRaw`UPDATE "dsure"."DsureChainEntry" SET "seq" = -1 WHERE "contractNumber" = ${n} AND "seq" = 3`,
      db.$executeRaw`UPDATE "dsure"."DsureChainEntry" SET "seq" = 3 WHERE "contractNumber" = ${n} AND "seq" = 4`,
      db.$executeRaw`UPDATE "dsure"."DsureChainEntry" SET "seq" = 4 WHERE "contractNumber" = ${n} AND "seq" = -1`,
    ]);
    await expectTampered(cert, "previous_hash", 3);
  });

  it("an entry copied from another certificate: flagged", async () => {
    const target = await createConcludedCertificate(db, { versions: 1 });
    const donor = await createConcludedCertificate(db, { versions: 2 });
    const head = (await chainOf(target.contractNumber)).at(-1)!;
    const body: ChainEntryBody = {
      format: CHAIN_ENTRY_FORMAT,
      issuer: head.issuerCode,
      contractNumber: head.contractNumber,
      seq: head.seq,
      kind: head.kind,
      at: head.at.toISOString(),
      prev: head.prevHash,
      data: head.data as JsonValue,
    };
    const headHash = crypto.createHash("sha256").update(chainEntryBytes(body)).digest("hex");
    // The donor's 版 2, renumbered and relinked to fit at the end of the target's chain.
    await db.$executeRaw`
      INSERT INTO "dsure"."DsureChainEntry" ("issuerCode", "contractNumber", "seq", "kind", "at", "prevHash", "data", "keyId", "signature")
      SELECT "issuerCode", ${target.contractNumber}, ${head.seq + 1}, "kind", "at", ${headHash}, "data", "keyId", "signature"
      FROM "dsure"."DsureChainEntry" WHERE "contractNumber" = ${donor.contractNumber} AND "kind" = 'VERSION' AND ("data"->>'version')::int = 2`;
    await expectTampered(target, "signature", head.seq + 1);
  });

  it("a key added in any table, with content re-signed by it: flagged, unknown key", async () => {
    const cert = await createConcludedCertificate(db);
    const planted = generateSigningKeyPair();
    await db.$executeRaw`INSERT INTO "SigningKey" ("keyId", "algorithm", "publicKeyPem") VALUES (${planted.keyId}, 'Ed25519', ${planted.publicKeyPem})`;
    // The 版 altered and every signature on it made anew with the planted key: the 版's own and the entry's.
    const [first] = await chainOf(cert.contractNumber);
    const data = structuredClone(first!.data) as { content: Record<string, unknown>; contentHash: string; signature: { keyId: string; value: string } };
    (data.content.guarantee as { amount: number }).amount = 99_999_999;
    const resigned = signCertificateContent({ content: data.content as JsonValue, privateKeyPem: planted.privateKeyPem });
    data.contentHash = resigned.contentHash;
    data.signature = { keyId: resigned.keyId, value: resigned.signature };
    const body: ChainEntryBody = {
      format: CHAIN_ENTRY_FORMAT,
      issuer: first!.issuerCode,
      contractNumber: first!.contractNumber,
      seq: first!.seq,
      kind: first!.kind,
      at: first!.at.toISOString(),
      prev: first!.prevHash,
      data: data as unknown as JsonValue,
    };
    const signature = crypto.sign(null, chainEntryBytes(body), crypto.createPrivateKey(planted.privateKeyPem)).toString("base64url");
    await db.$executeRaw`
      UPDATE "dsure"."DsureChainEntry" SET "data" = ${JSON.stringify(data)}::jsonb, "keyId" = ${planted.keyId}, "signature" = ${signature}
      WHERE "id" = ${first!.id}`;
    await db.$executeRaw`
      UPDATE "CertificateVersion" SET "content" = ${JSON.stringify(data.content)}::jsonb, "contentHash" = ${resigned.contentHash},
        "signature" = ${resigned.signature}, "signingKeyId" = ${planted.keyId}
      WHERE "contractId" = ${cert.contractId}::uuid`;
    await expectTampered(cert, "unknown_key", 1);
  });

  it("a 認証キー hash copied from another certificate: the other certificate's key does not open this one", async () => {
    const target = await createConcludedCertificate(db);
    const donor = await createConcludedCertificate(db);
    // In the surety's table: D-Sure does not read it.
    await db.$executeRaw`
      UPDATE "AuthKey" SET "keyHash" = (SELECT "keyHash" FROM "AuthKey" WHERE "contractId" = ${donor.contractId}::uuid AND "revokedAt" IS NULL)
      WHERE "contractId" = ${target.contractId}::uuid`;
    expect((await lookUp(target, donor.authKey)).status).toBe(404);
    await expectShown(target, "VALID");
    // In D-Sure's own chain, the donor's sealed key: the entry's signature no longer holds (改ざんの疑い), and the
    // donor's key does not match the target's opening.
    await db.$executeRaw`
      UPDATE "dsure"."DsureChainEntry" SET "data" = (SELECT "data" FROM "dsure"."DsureChainEntry" WHERE "contractNumber" = ${donor.contractNumber} AND "kind" = 'KEY')
      WHERE "contractNumber" = ${target.contractNumber} AND "kind" = 'KEY'`;
    expect((await lookUp(target, donor.authKey)).status).toBe(404);
    await expectTampered(target, "signature");
    // The donor's opening too: the verifier is bound to the donor's number, so nothing opens the target any more.
    await db.$executeRaw`
      UPDATE "dsure"."DsureChainEntry" SET "keyOpening" = (SELECT "keyOpening" FROM "dsure"."DsureChainEntry" WHERE "contractNumber" = ${donor.contractNumber} AND "kind" = 'KEY')
      WHERE "contractNumber" = ${target.contractNumber} AND "kind" = 'KEY'`;
    expect((await lookUp(target, donor.authKey)).status).toBe(404);
    expect((await lookUp(target, target.authKey)).status).toBe(404);
    // The donor is untouched.
    await expectShown(donor, "VALID");
  });
});
