/**
 * D-Sure's chains as the real paths make them: the demo guarantees (conclusion, 増額), a 再発行 and a 解約 each add a
 * signed entry; and the one-time step of `npm run db:migrate` gives certificates concluded before chains existed the
 * history they have, losing nothing.
 */
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dsureDb as dsure } from "@/lib/dsure/db";
import { env } from "@/lib/env";
import { seedDemoGuarantees } from "@/lib/demo/seed-demo-guarantees";
import { seed } from "@/prisma/seed-lib";
import { readChain } from "@/lib/dsure/read-chain";
import { verifyChain } from "@/lib/dsure/verify-chain";
import { dsureIssuers } from "@/lib/dsure/issuers";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { reissueAuthKey } from "@/lib/auth-key/reissue-auth-key";
import { cancelContract } from "@/lib/contract/cancel-contract";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { authKeyKeys } from "@/lib/env";
import { todayJst } from "@/lib/dates";
import { registerExistingCertificatesAt } from "@/scripts/lib/register-existing-certificates-at";
import { concludeElectronicGuarantee } from "../support/certificate-fixtures";
import { staffUserId } from "../support/admin-fixtures";

const issuerCode = () => env().SURETY_ISSUER_CODE;

async function verdictOf(contractNumber: string) {
  return verifyChain({ entries: await readChain(dsure, { issuerCode: issuerCode(), contractNumber }), contractNumber, issuers: dsureIssuers() });
}

async function liveKey(contractId: string) {
  const k = await db.authKey.findFirstOrThrow({ where: { contractId, revokedAt: null }, select: { ciphertext: true } });
  return decryptAuthKey(k.ciphertext, authKeyKeys().encryptionKey);
}

let ip = 0;
/** What the app's registration dispatcher would have delivered by now, then the look-up. */
const look = async (contractNumber: string, authKey: string) => {
  await drainCertificateRegistrations({ db });
  return lookupCertificate({ contractNumber, authKey, clientIp: `203.0.113.${++ip}`, userAgent: "chain-test", channel: "API" });
};

beforeAll(async () => {
  await seed(db);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("chains made by the real paths", () => {
  it("every demo certificate's chain verifies and says what the surety's tables say", async () => {
    await seedDemoGuarantees(db);
    const contracts = await db.guaranteeContract.findMany({
      where: { deliveryMethod: "ELECTRONIC" },
      select: { contractNumber: true, status: true, currentVersion: true, versions: { orderBy: { version: "asc" }, select: { contentHash: true } } },
    });
    expect(contracts.length).toBeGreaterThanOrEqual(3);
    for (const c of contracts) {
      const v = await verdictOf(c.contractNumber);
      if (!v.ok) throw new Error(`${c.contractNumber}: ${JSON.stringify(v)}`);
      expect(v.versions.map((x) => x.contentHash)).toEqual(c.versions.map((x) => x.contentHash));
      expect(v.cancel === null).toBe(c.status === "ACTIVE");
      expect(v.keyVerifier).not.toBeNull();
    }
  });

  it("a 再発行 and a 解約 are entries of the chain: the old key stops, the new one shows 解約", async () => {
    const g = await concludeElectronicGuarantee(db);
    const c = g.contracts[0]!;
    expect((await look(c.contractNumber, c.authKey)).ok).toBe(true);

    await reissueAuthKey({ contractId: c.contractId, actor: { kind: "STAFF", staffId: await staffUserId(db, "staff-admin") } });
    const fresh = await liveKey(c.contractId);
    expect(await look(c.contractNumber, c.authKey)).toEqual({ ok: false, reason: "NOT_FOUND" });

    await cancelContract({ contractId: c.contractId, staffId: await staffUserId(db, "staff-shonin"), cancelDate: todayJst(), reason: "工事の中止" });
    const r = await look(c.contractNumber, fresh);
    expect(r.ok && [r.view.displayStatus, r.view.cancelDate]).toEqual(["CANCELLED", todayJst()]);

    const kinds = (await readChain(dsure, { issuerCode: issuerCode(), contractNumber: c.contractNumber })).map((e) => e.kind);
    expect(kinds).toEqual(["VERSION", "KEY", "KEY", "CANCEL"]);
  });
});

describe("the one-time step of npm run db:migrate", () => {
  it("registers certificates that have no chain with the history they have, and leaves the rest alone", async () => {
    const g = await concludeElectronicGuarantee(db);
    const [a, b] = g.contracts;
    await reissueAuthKey({ contractId: a!.contractId, actor: { kind: "STAFF", staffId: await staffUserId(db, "staff-admin") } });
    await cancelContract({ contractId: a!.contractId, staffId: await staffUserId(db, "staff-shonin"), cancelDate: todayJst(), reason: "工事の中止" });
    await drainCertificateRegistrations({ db });
    const before = await readChain(dsure, { issuerCode: issuerCode(), contractNumber: a!.contractNumber });
    const untouched = await readChain(dsure, { issuerCode: issuerCode(), contractNumber: b!.contractNumber });

    // As a database migrated from before chains existed: certificate a has none, and the surety never queued one.
    await db.certificateRegistration.deleteMany({ where: { contractId: a!.contractId } });
    await dsure.dsureChainEntry.deleteMany({ where: { contractNumber: a!.contractNumber } });
    await dsure.dsureCertificate.deleteMany({ where: { contractNumber: a!.contractNumber } });
    expect(await look(a!.contractNumber, await liveKey(a!.contractId))).toEqual({ ok: false, reason: "NOT_FOUND" });

    await registerExistingCertificatesAt(process.env.DATABASE_URL!);

    const after = await readChain(dsure, { issuerCode: issuerCode(), contractNumber: a!.contractNumber });
    // The same entries, in the same order, with the same content (the signatures are made anew; a key is sealed with a
    // fresh salt, so its entries are compared by the key they open and whether it was a reissue).
    const strip = (e: (typeof after)[number]) => ({
      kind: e.kind,
      at: e.at,
      data: e.kind === "KEY" ? { reissue: (e.data as { reissue: boolean }).reissue, keyVerifier: e.opening?.keyVerifier } : e.data,
    });
    expect(after.map(strip)).toEqual(before.map(strip));
    expect(await readChain(dsure, { issuerCode: issuerCode(), contractNumber: b!.contractNumber })).toEqual(untouched);
    const r = await look(a!.contractNumber, await liveKey(a!.contractId));
    expect(r.ok && r.view.displayStatus).toBe("CANCELLED");

    // Run again: nothing to do.
    await registerExistingCertificatesAt(process.env.DATABASE_URL!);
    expect(await readChain(dsure, { issuerCode: issuerCode(), contractNumber: a!.contractNumber })).toEqual(after);
  });
});
