import { createPrismaClient, disconnectDb } from "../../lib/db";

/**
 * After the migrations: electronic certificates without a chain at D-Sure get one (registerExistingCertificates).
 * Reads the settings (secrets included) only when there is such a certificate, so a database with none needs none.
 */
export async function registerExistingCertificatesAt(url: string): Promise<void> {
  const db = createPrismaClient(url, 2);
  try {
    const [{ pending }] = await db.$queryRaw<{ pending: number }[]>`
      SELECT count(*)::int AS "pending" FROM "GuaranteeContract" c WHERE c."deliveryMethod" = 'ELECTRONIC'
        AND NOT EXISTS (SELECT 1 FROM "DsureChainEntry" e WHERE e."contractNumber" = c."contractNumber")`;
    if (!pending) return;
    process.env.DATABASE_URL ??= url;
    const { registerExistingCertificates } = await import("../../lib/certificate/register-existing-certificates");
    await registerExistingCertificates({ db, log: (line) => console.log(line) });
  } finally {
    await db.$disconnect();
    await disconnectDb();
  }
}
