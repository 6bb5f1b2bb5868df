import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { getAuthKeyNotice } from "@/lib/pdf/get-auth-key-notice";
import { renderAuthKeyNotice } from "@/lib/pdf/render-auth-key-notice";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed-lib";
import { extractPdf } from "../unit/pdf-extract-text";
import { createConcludedCertificate, type CertificateFixture } from "../support/certificate-fixtures";

const db = createPrismaClient(process.env.DATABASE_URL!, 3);
let cert: CertificateFixture;
let otherCompanyId: string;

beforeAll(async () => {
  await seed(db);
  cert = await createConcludedCertificate(db, { customerId: "demo-kensetsu" });
  otherCompanyId = (await db.contractorUser.findUniqueOrThrow({ where: { customerId: "demo-doboku" } })).companyId;
});

afterAll(async () => {
  await db.$disconnect();
});

async function expectNotFound(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isDomainError(error, "NOT_FOUND"), String(error)).toBe(true);
}

describe("認証キー等のお知らせ: loading", () => {
  it("gives the owning company the number, the decrypted key and D-Sure's address with the number (not the key)", async () => {
    const { data, contractId } = await getAuthKeyNotice({ contractNumber: cert.contractNumber, companyId: cert.companyId, db });
    expect(contractId).toBe(cert.contractId);
    expect(data.contractNumber).toBe(cert.contractNumber);
    expect(data.authKey).toBe(cert.authKeyFormatted);
    expect(data.workName).toBe(cert.workName);
    expect(data.companyName).toBe("株式会社サンプル建設");
    expect(data.ordererName).toBe("鹿児島市");
    expect(data.guaranteeTypeLabel).toBe("前払金保証");
    expect(data.guaranteeAmount).toBe("49,360,000円");
    const base = env().PUBLIC_BASE_URL.replace(/\/+$/, "");
    expect(data.dsureUrl).toBe(`${base}/dsure`);
    expect(data.dsureQrUrl).toBe(`${base}/dsure?no=${cert.contractNumber}`);
    expect(data.submissionNote).toContain("電子メール");
  });

  it("draws a PDF whose text holds the number, the key and the 工事名", async () => {
    const { data } = await getAuthKeyNotice({ contractNumber: cert.contractNumber, companyId: cert.companyId, db });
    const pdf = await extractPdf(await renderAuthKeyNotice(data));
    expect(pdf.compact).toContain(cert.contractNumber);
    expect(pdf.compact).toContain(cert.authKeyFormatted);
    expect(pdf.compact).toContain(cert.workName.replace(/\s+/g, ""));
  });

  it("is the same 404 for another company, a missing number, a malformed number, a paper certificate and a revoked key", async () => {
    await expectNotFound(getAuthKeyNotice({ contractNumber: cert.contractNumber, companyId: otherCompanyId, db }));
    const [year, seq] = cert.contractNumber.split("-");
    const { formatContractNumber } = await import("@/lib/contract-number/format-contract-number");
    const missing = formatContractNumber({ fiscalYear: Number(year), sequence: Number(seq) + 900 });
    await expectNotFound(getAuthKeyNotice({ contractNumber: missing, companyId: cert.companyId, db }));
    await expectNotFound(getAuthKeyNotice({ contractNumber: "../../etc/passwd", companyId: cert.companyId, db }));

    const paper = await createConcludedCertificate(db, { deliveryMethod: "PAPER" });
    await expectNotFound(getAuthKeyNotice({ contractNumber: paper.contractNumber, companyId: paper.companyId, db }));

    const revoked = await createConcludedCertificate(db);
    await db.authKey.updateMany({ where: { contractId: revoked.contractId }, data: { revokedAt: new Date() } });
    await expectNotFound(getAuthKeyNotice({ contractNumber: revoked.contractNumber, companyId: revoked.companyId, db }));
  });

  it("accepts the number as typed (no hyphens, full-width)", async () => {
    const typed = cert.contractNumber.replaceAll("-", "").replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const { data } = await getAuthKeyNotice({ contractNumber: typed, companyId: cert.companyId, db });
    expect(data.contractNumber).toBe(cert.contractNumber);
  });
});

describe("the download's Content-Disposition", () => {
  it("names the file in ASCII and, RFC 5987-encoded, in Japanese", () => {
    expect(attachmentDisposition({ asciiName: "auth-key-notice_2024-0001234-5.pdf", utf8Name: "認証キー等のお知らせ_2024-0001234-5.pdf" })).toBe(
      `attachment; filename="auth-key-notice_2024-0001234-5.pdf"; filename*=UTF-8''` +
        "%E8%AA%8D%E8%A8%BC%E3%82%AD%E3%83%BC%E7%AD%89%E3%81%AE%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B_2024-0001234-5.pdf",
    );
    expect(attachmentDisposition({ asciiName: 'a"b\\c（）.pdf', utf8Name: "it's (1)*.pdf" })).toBe(
      `attachment; filename="a_b_c__.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`,
    );
  });
});
