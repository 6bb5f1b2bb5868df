/**
 * Certificate fixtures for the e2e specs, run in a tsx process with the e2e server's DATABASE_URL and secrets
 * (tests/e2e/dsure-*.spec.ts spawn it). Prints one JSON line. Never prints a 認証キー: the specs read keys the way a
 * contractor does, out of the downloaded PDF.
 */
import { db } from "../../lib/db";
import { concludeElectronicGuarantee } from "./certificate-fixtures";

const fixtures: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  async concludedElectronicGuarantee(args) {
    const r = await concludeElectronicGuarantee(db, {
      customerId: typeof args.customerId === "string" ? args.customerId : undefined,
      workName: typeof args.workName === "string" ? args.workName : undefined,
    });
    return { applicationId: r.applicationId, contracts: r.contracts.map((c) => ({ contractNumber: c.contractNumber, guaranteeType: c.guaranteeType })) };
  },
  /**
   * The demo second surety registers its certificate at D-Sure (as npm run db:seed does), over HTTP to the server
   * under test (`dsureUrl`), so the server's own configuration judges it: where its key notice is.
   */
  async demoIssuerCertificate(args) {
    if (typeof args.dsureUrl === "string") process.env.DSURE_URL = args.dsureUrl;
    const { seedDemoIssuerCertificates } = await import("../../lib/demo/seed-demo-issuer-certificates");
    const [c] = await seedDemoIssuerCertificates({});
    return { noticePath: c!.noticePath };
  },
};

async function main() {
  const [name, rawArgs] = process.argv.slice(2);
  const fixture = name ? fixtures[name] : undefined;
  if (!fixture) throw new Error(`unknown fixture ${name}; known: ${Object.keys(fixtures).join(", ")}`);
  const result = await fixture(rawArgs ? JSON.parse(rawArgs) : {});
  console.log(JSON.stringify(result ?? null));
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
