/**
 * npm run reconcile — 照合: compares what the surety registered at D-Sure (and holds D-Sure's receipts for) with what
 * D-Sure serves now, records any difference for staff (the back office's D-Sure 照合 screen) and prints it. On
 * DATABASE_URL (or, in development, `npm run dev`'s embedded engine, or a fresh start of it); D-Sure at DSURE_URL or
 * in-process. Exits 0 when everything agrees, 1 when a difference was found or D-Sure could not be asked, 2 when
 * another 照合 is already running.
 */
import { withDatabase } from "./lib/database-url";

async function main(): Promise<number> {
  return withDatabase(async (url) => {
    process.env.DATABASE_URL = url;
    const { env } = await import("../lib/env");
    const { createPrismaClient } = await import("../lib/db");
    const { createRegistrationClient } = await import("../lib/certificate/create-registration-client");
    const { reconcileWithDsure } = await import("../lib/reconciliation/reconcile-with-dsure");
    const { RECONCILIATION_FINDING_LABELS } = await import("../lib/reconciliation/labels");
    const db = createPrismaClient(url, 2);
    const connection = createRegistrationClient({ url: env().DSURE_URL });
    try {
      const r = await reconcileWithDsure({ trigger: "CLI", db, connection });
      if (!r.ran) {
        console.info("照合は実行中です（別の照合が終わってから実行してください）");
        return 2;
      }
      console.info(`照合しました: 保証契約 ${r.certificates} 件、不一致 ${r.discrepancies} 件`);
      for (const f of r.findings) {
        console.info(
          `  ${f.contractNumber}  ${RECONCILIATION_FINDING_LABELS[f.kind]}` +
            `${f.seq ? `（記録 ${f.seq}）` : ""}  当社の登録: ${f.expected.length} 件 / D-Sure: ${f.actual.length} 件`,
        );
      }
      if (r.error) console.error(r.error);
      return r.error || r.discrepancies ? 1 : 0;
    } finally {
      await Promise.all([connection.close(), db.$disconnect()]);
    }
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
