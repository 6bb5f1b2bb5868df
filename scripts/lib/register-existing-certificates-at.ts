import { createPrismaClient, disconnectDb } from "../../lib/db";

/**
 * After the migrations: electronic certificates never queued for registration at D-Sure get their chains queued
 * (registerExistingCertificates), keys D-Sure knows only by a verifier from before v2 are registered again with a v2
 * verifier (upgradeKeyVerifiers), and what waits in the registration outbox is delivered once (in-process, or to
 * DSURE_URL; what D-Sure does not take now is left to the app's or the worker's dispatcher). Reads the settings (secrets
 * included) only when there is something to do, so a database with no electronic certificate needs none.
 */
export async function registerExistingCertificatesAt(url: string): Promise<void> {
  const db = createPrismaClient(url, 2);
  try {
    const unqueued = await db.guaranteeContract.count({ where: { deliveryMethod: "ELECTRONIC", registrations: { none: {} } } });
    const queued = await db.certificateRegistration.count({ where: { status: "PENDING" } });
    // Keys D-Sure knows only by a verifier made with our secret (before v2): registered again with a v2 verifier.
    const [{ legacy }] = await db.$queryRaw<{ legacy: number }[]>`
      SELECT count(*)::int AS "legacy" FROM (
        SELECT DISTINCT ON ("contractId") "entry"->'data'->>'keyVerifier' AS "verifier"
        FROM "CertificateRegistration" WHERE "kind" = 'KEY' ORDER BY "contractId", "seq" DESC) k
      WHERE "verifier" ~ '^[0-9a-f]{64}$'`;
    if (unqueued === 0 && queued === 0 && legacy === 0) return;
    process.env.DATABASE_URL ??= url;
    const { registerExistingCertificates } = await import("../../lib/certificate/register-existing-certificates");
    const { drainCertificateRegistrations } = await import("../../lib/certificate/drain-certificate-registrations");
    await registerExistingCertificates({ db, log: (line) => console.log(line) });
    const { upgradeKeyVerifiers } = await import("../../lib/certificate/upgrade-key-verifiers");
    await upgradeKeyVerifiers({ db, log: (line) => console.log(line) });
    const { registered, waiting } = await drainCertificateRegistrations({ db });
    if (registered) console.log(`D-Sure に登録した記録: ${registered} 件`);
    if (waiting) console.log(`D-Sure への登録を待つ記録: ${waiting} 件（アプリまたは npm run worker が登録を続けます）`);
  } finally {
    await db.$disconnect();
    await disconnectDb();
  }
}
