import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { createDsureClient } from "@/lib/dsure/db";
import { getContractorCertificate } from "@/lib/certificate/get-contractor-certificate";
import { listContractorCertificates } from "@/lib/certificate/list-contractor-certificates";
import { certificateRows } from "@/lib/certificate/read-certificate-content";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate, type CertificateFixture } from "../support/certificate-fixtures";

const db = createPrismaClient(process.env.DATABASE_URL!, 3);
/** D-Sure's own client on the same database (its tables are not the surety's). */
const dsure = createDsureClient(process.env.DATABASE_URL!, 3);
let mine: CertificateFixture;
let theirs: CertificateFixture;
let paper: CertificateFixture;

beforeAll(async () => {
  await seed(db);
  mine = await createConcludedCertificate(db, { customerId: "demo-kensetsu", versions: 2 });
  theirs = await createConcludedCertificate(db, { customerId: "demo-doboku" });
  paper = await createConcludedCertificate(db, { customerId: "demo-kensetsu", deliveryMethod: "PAPER" });
});

afterAll(async () => {
  await Promise.all([db.$disconnect(), dsure.$disconnect()]);
});

describe("the contractor's certificates", () => {
  it("lists only the company's own electronic certificates", async () => {
    const list = await listContractorCertificates({ companyId: mine.companyId, db });
    const numbers = list.map((c) => c.contractNumber);
    expect(numbers).toContain(mine.contractNumber);
    expect(numbers).not.toContain(theirs.contractNumber);
    expect(numbers).not.toContain(paper.contractNumber);
    expect(list.find((c) => c.contractNumber === mine.contractNumber)).toMatchObject({ currentVersion: 2, status: "VALID" });
  });

  it("opens the company's own certificate and nobody else's", async () => {
    const own = await getContractorCertificate({ companyId: mine.companyId, contractNumber: mine.contractNumber, db });
    expect(own?.view.current.version).toBe(2);
    expect(own?.view.integrityOk).toBe(true);
    expect(await getContractorCertificate({ companyId: mine.companyId, contractNumber: theirs.contractNumber, db })).toBeNull();
    expect(await getContractorCertificate({ companyId: mine.companyId, contractNumber: paper.contractNumber, db })).toBeNull();
    expect(await getContractorCertificate({ companyId: mine.companyId, contractNumber: "2024-0000000-0", db })).toBeNull();
  });

  it("shows D-Sure exactly the certificate the contractor sees (the look-up reads with its own SQL)", async () => {
    // Its own certificate with two 版: `mine` must stay unopened for the receipt test below.
    const other = await createConcludedCertificate(db, { customerId: "demo-kensetsu", versions: 2 });
    const now = new Date("2025-02-01T00:00:00Z");
    const own = await getContractorCertificate({ companyId: other.companyId, contractNumber: other.contractNumber, db, now });
    const r = await lookupCertificate({ db: dsure, contractNumber: other.contractNumber, authKey: other.authKey, clientIp: "203.0.113.10", userAgent: null, channel: "API", now,
    });
    if (!r.ok) throw new Error(`look-up failed: ${JSON.stringify(r)}`);
    expect(r.view.versions).toHaveLength(2);
    // The same certificate; D-Sure adds who registered it (the issuer, as D-Sure's configuration names it).
    // D-Sure knows the certificate by its number; the surety's own id for the contract never reaches it.
    const { issuer, contractId, ...seen } = r.view;
    const { contractId: ownId, ...ownView } = own!.view;
    expect(seen).toStrictEqual(ownView);
    expect([contractId, ownId]).toEqual([other.contractNumber, other.contractId]);
    expect(issuer).toEqual({ code: "nishi-nihon", name: "西日本建設業保証株式会社" });
  });

  it("shows every item of the certificate in 和暦 with 西暦 and yen", async () => {
    const own = await getContractorCertificate({ companyId: mine.companyId, contractNumber: mine.contractNumber, db });
    const rows = Object.fromEntries(certificateRows(own!.view.current.content).map((r) => [r.key, r.value]));
    expect(rows).toMatchObject({
      contractNumber: mine.contractNumber,
      guaranteeType: "前払金保証",
      surety: "西日本建設業保証株式会社",
      orderer: "鹿児島市　建設局 道路部 道路建設課",
      contractorName: "株式会社サンプル建設",
      contractorAddress: "鹿児島県鹿児島市山下町11番1号",
      contractorRepresentative: "代表取締役 鹿児島 太郎",
      workName: mine.workName,
      workLocation: "鹿児島市武岡一丁目地内",
      contractAmount: "￥123,400,000",
      guaranteeAmount: "￥50,360,000",
      contractDate: "令和6年12月5日（2024年12月5日）",
      guaranteePeriod: "令和6年12月10日（2024年12月10日） から 令和81年3月31日（2099年3月31日） まで",
      concludedOn: "令和6年12月5日（2024年12月5日）",
      fee: "￥39,488",
    });
    expect(certificateRows(own!.view.current.content).find((r) => r.key === "guaranteeAmount")?.label).toBe("保証金額（前払金額）");
  });

  it("tells the contractor when the orderer first and last opened the certificate on D-Sure", async () => {
    const before = await getContractorCertificate({ companyId: mine.companyId, contractNumber: mine.contractNumber, db });
    expect(before?.receipt).toBeNull();
    const t1 = new Date("2025-01-10T01:00:00Z");
    const t2 = new Date("2025-01-12T05:30:00Z");
    for (const now of [t1, t2]) {
      const r = await lookupCertificate({ db: dsure,
        contractNumber: mine.contractNumber,
        authKey: mine.authKey,
        clientIp: "203.0.113.9",
        userAgent: null,
        channel: "PAGE",
        now,
      });
      expect(r.ok).toBe(true);
    }
    // A failure is not a view.
    await lookupCertificate({ db: dsure, contractNumber: mine.contractNumber, authKey: "0".repeat(16), clientIp: "203.0.113.9", userAgent: null, channel: "API" });
    const after = await getContractorCertificate({ companyId: mine.companyId, contractNumber: mine.contractNumber, db });
    expect(after?.receipt).toEqual({ firstViewedAt: t1, lastViewedAt: t2 });
  });
});
