import { createPrismaClient, disconnectDb } from "../../lib/db";

/**
 * After the migrations: electronic certificates never queued for registration at D-Sure get their chains queued
 * (registerExistingCertificates), and what waits in the registration outbox is delivered once (in-process, or to
 * DSURE_URL; what D-Sure does not take now is left to the app's or the worker's dispatcher). Reads the settings (secrets
 * included) only when there is something to do, so a database with no electronic certificate needs none.
 */
export async function registerExistingCertificatesAt(url: string): Promise<void> {
  const db = createPrismaClient(url, 2);
  try {
    const unqueued = await db.guaranteeContract.count({ where: { deliveryMethod: "ELECTRONIC", registrations: { none: {} } } });
    const queued = await db.certificateRegistration.count({ where: { status: "PENDING" } });
    if (unqueued === 0 && queued === 0) return;
    process.env.DATABASE_URL ??= url;
    const { registerExistingCertificates } = await import("../../lib/certificate/register-existing-certificates");
    const { drainCertificateRegistrations } = await import("../../lib/certificate/drain-certificate-registrations");
    await registerExistingCertificates({ db, log: (line) => console.log(line) });
    const { registered, waiting } = await drainCertificateRegistrations({ db });
    if (registered) console.log(`D-Sure に登録した記録: ${registered} 件`);
    if (waiting) console.log(`D-Sure への登録を待つ記録: ${waiting} 件（アプリまたは npm run worker が登録を続けます）`);
  } finally {
    await db.$disconnect();
    await disconnectDb();
  }
}
