/**
 * Two sureties at D-Sure: the demo 東日本建設業保証 registers its certificate through the registration interface with
 * its own key (as `npm run db:seed` does), and D-Sure shows it under the name D-Sure's configuration gives that
 * issuer — beside our own certificates under ours. The number and key of its 「認証キー等のお知らせ」 open it.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as lookupRoute } from "@/app/api/dsure/v1/lookup/route";
import { db } from "@/lib/db";
import { dsureDb as dsure } from "@/lib/dsure/db";
import { seedDemoIssuerCertificates } from "@/lib/demo/seed-demo-issuer-certificates";
import { readChain } from "@/lib/dsure/read-chain";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate } from "../support/certificate-fixtures";
import { extractPdf } from "../unit/pdf-extract-text";

beforeAll(async () => {
  await seed(db);
});

const look = (contractNumber: string, authKey: string) =>
  lookupCertificate({ contractNumber, authKey, clientIp: "203.0.113.90", userAgent: "demo-issuer-test", channel: "PAGE" });

describe("the demo second surety", () => {
  it("its certificate opens on D-Sure under its own name with the number and key of its key notice", async () => {
    const [c] = await seedDemoIssuerCertificates({});
    expect(c!.issuerName).toBe("東日本建設業保証株式会社");

    // The key notice a person would hand to the orderer carries exactly these.
    const pdf = await extractPdf(fs.readFileSync(c!.noticePath!));
    expect(pdf.compact).toContain(c!.contractNumber);
    expect(pdf.compact).toContain(c!.authKey);
    expect(pdf.compact).toContain("東日本建設業保証株式会社");

    const r = await look(c!.contractNumber, c!.authKey);
    if (!r.ok) throw new Error(`look-up failed: ${r.reason}`);
    expect(r.view.issuer).toEqual({ code: "higashi-nihon", name: "東日本建設業保証株式会社" });
    expect(r.view.displayStatus).toBe("VALID");
    expect(r.view.integrityOk).toBe(true);
    expect((r.view.current.content as { surety: { name: string } }).surety.name).toBe("東日本建設業保証株式会社");

    const res = await lookupRoute(
      new Request("http://localhost/api/dsure/v1/lookup", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.91" },
        body: JSON.stringify({ contractNumber: c!.contractNumber, authKey: c!.authKey }),
      }),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).issuer).toEqual({ code: "higashi-nihon", name: "東日本建設業保証株式会社" });

    // Nothing of it is in our surety's tables; running the seed again registers nothing new.
    expect(await db.guaranteeContract.findUnique({ where: { contractNumber: c!.contractNumber } })).toBeNull();
    await seedDemoIssuerCertificates({});
    expect(await readChain(dsure, { issuerCode: "higashi-nihon", contractNumber: c!.contractNumber })).toHaveLength(2);
  });

  it("our own certificates show under our name beside it", async () => {
    const ours = await createConcludedCertificate(db);
    const r = await look(ours.contractNumber, ours.authKey);
    if (!r.ok) throw new Error(`look-up failed: ${r.reason}`);
    expect(r.view.issuer).toEqual({ code: "nishi-nihon", name: "西日本建設業保証株式会社" });
  });
});
