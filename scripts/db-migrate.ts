/**
 * npm run db:migrate                    apply pending migrations of the parties APP_ROLES names (unset: both):
 *                                       D-Sure's (to DSURE_DATABASE_URL, else the same database) then the surety's
 *                                       (to DATABASE_URL, or the embedded engine); then register with D-Sure every
 *                                       electronic certificate not yet registered (a one-time step)
 * npm run db:migration -- NAME          create a surety migration from changes to prisma/schema.prisma
 * npm run db:migration -- --dsure NAME  create a D-Sure migration from changes to prisma/dsure/schema.prisma
 * npm run db:status                     report applied / pending migrations of both
 */
import { applyMigrations, createMigration, DSURE_MIGRATIONS, migrationStatus, SURETY_MIGRATIONS } from "./lib/migrations";
import { withDatabase } from "./lib/database-url";
import { registerExistingCertificatesAt } from "./lib/register-existing-certificates-at";
import { appRoles } from "../lib/app-roles";

async function main() {
  const args = process.argv.slice(2);
  const command = args[0];
  const dsureOnly = args.includes("--dsure");
  const name = args.slice(1).find((a) => !a.startsWith("--"));
  await withDatabase(async (url) => {
    const dsureUrl = process.env.DSURE_DATABASE_URL || url;
    // Only the histories of the parties this installation serves (APP_ROLES; unset: both).
    const roles = appRoles();
    if (command === "deploy") {
      const applied = await applyMigrations(url, { dsureUrl, roles });
      console.log(applied.length ? `適用したマイグレーション: ${applied.join(", ")}` : "適用待ちのマイグレーションはありません (up to date)");
      if (roles.includes("surety")) await registerExistingCertificatesAt(url);
    } else if (command === "create") {
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- [--dsure] <name> (a-z, 0-9, _)");
      await applyMigrations(url, { dsureUrl });
      const set = dsureOnly ? DSURE_MIGRATIONS : SURETY_MIGRATIONS;
      const dir = await createMigration(set, dsureOnly ? dsureUrl : url, name);
      console.log(dir ? `作成しました: ${dir}` : "スキーマに変更はありません (no changes)");
      if (dir) await applyMigrations(url, { dsureUrl });
    } else if (command === "status") {
      const surety = roles.includes("surety") ? await migrationStatus(SURETY_MIGRATIONS, url) : undefined;
      const dsure = roles.includes("dsure") ? await migrationStatus(DSURE_MIGRATIONS, dsureUrl) : undefined;
      console.log(JSON.stringify({ surety, dsure }, null, 2));
      if (surety?.history || dsure?.history) process.exitCode = 1;
    } else {
      throw new Error(`unknown command ${command}`);
    }
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
