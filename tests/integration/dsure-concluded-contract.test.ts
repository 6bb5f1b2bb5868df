/**
 * End to end below the browser: a guarantee concluded by the back office (concludeContract) opens on D-Sure with the
 * key from its notice, and the key is nowhere in the access log, audit log, outbox or history.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dsureDb as dsure } from "@/lib/dsure/db";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { getAuthKeyNotice } from "@/lib/pdf/get-auth-key-notice";
import { concludeElectronicGuarantee, type ConcludedGuarantee } from "../support/certificate-fixtures";

let concluded: ConcludedGuarantee;

beforeAll(async () => {
  concluded = await concludeElectronicGuarantee(db, { withContractGuarantee: true });
});

describe("a guarantee concluded by the back office", () => {
  it("opens on D-Sure as 有効 with a good signature, for each of its contracts", async () => {
    expect(concluded.contracts.map((c) => c.guaranteeType).sort()).toEqual(["ADVANCE_PAYMENT", "CONTRACT"]);
    for (const c of concluded.contracts) {
      const company = await db.guaranteeContract.findUniqueOrThrow({ where: { id: c.contractId }, select: { companyId: true } });
      const { data } = await getAuthKeyNotice({ contractNumber: c.contractNumber, companyId: company.companyId });
      expect(data.authKey).toBe(c.authKeyFormatted);

      const r = await lookupCertificate({
        contractNumber: data.contractNumber,
        authKey: data.authKey,
        clientIp: "203.0.113.50",
        userAgent: "vitest",
        channel: "API",
      });
      if (!r.ok) throw new Error(`lookup failed: ${r.reason}`);
      expect(r.view.displayStatus).toBe("VALID");
      expect(r.view.integrityOk).toBe(true);
      expect(r.view.current.version).toBe(1);
    }
  });

  it("leaves no trace of any key in the access log, audit log, outbox or application history", async () => {
    for (const c of concluded.contracts) {
      await lookupCertificate({ contractNumber: c.contractNumber, authKey: c.authKey.toLowerCase(), clientIp: "203.0.113.51", userAgent: null, channel: "PAGE" });
      await lookupCertificate({ contractNumber: c.contractNumber, authKey: "ZZZZ" + c.authKey.slice(4), clientIp: "203.0.113.51", userAgent: null, channel: "PAGE" });
    }
    const dump = JSON.stringify(
      {
        access: await dsure.dsureAccessLog.findMany(),
        audit: await db.auditLog.findMany(),
        mail: await db.mailOutbox.findMany(),
        events: await db.applicationEvent.findMany(),
      },
      (_k, v) => (typeof v === "bigint" ? v.toString() : v),
    );
    expect(await db.mailOutbox.count()).toBeGreaterThan(0);
    expect(await db.auditLog.count()).toBeGreaterThan(0);
    const compact = dump.toUpperCase().replace(/[^0-9A-Z]/g, "");
    for (const c of concluded.contracts) expect(compact).not.toContain(c.authKey);
  });
});
