import { createPrismaClient, disconnectDb } from "../../lib/db";

/**
 * After the migrations: electronic certificates without a chain at D-Sure get one (registerExistingCertificates).
 * Reads the settings (secrets included) only when there is such a certificate, so a database with none needs none.
 */
export async function registerExistingCertificatesAt(url: string): Promise<void> {
  const db = createPrismaClient(url, 2);
  try {
    const { findRegisteredCertificates } = await import("../../lib/dsure/registration");
    let pending = false;
    for (let cursor: string | undefined; !pending; ) {
      const page = await db.guaranteeContract.findMany({
        where: { deliveryMethod: "ELECTRONIC" },
        orderBy: { contractNumber: "asc" },
        take: 1000,
        ...(cursor ? { cursor: { contractNumber: cursor }, skip: 1 } : {}),
        select: { contractNumber: true },
      });
      if (page.length === 0) break;
      const numbers = page.map((c) => c.contractNumber);
      const registered = await findRegisteredCertificates(db, { contractNumbers: numbers });
      pending = numbers.some((n) => !registered.has(n));
      cursor = numbers[numbers.length - 1];
    }
    if (!pending) return;
    process.env.DATABASE_URL ??= url;
    const { registerExistingCertificates } = await import("../../lib/certificate/register-existing-certificates");
    await registerExistingCertificates({ db, log: (line) => console.log(line) });
  } finally {
    await db.$disconnect();
    await disconnectDb();
  }
}
