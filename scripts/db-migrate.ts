/**
 * npm run db:migrate            apply pending migrations to DATABASE_URL (or the embedded engine), then register with
 *                               D-Sure every electronic certificate that has no chain there yet (a one-time step)
 * npm run db:migration -- NAME  create a migration from schema changes
 * npm run db:status             report applied / pending migrations
 */
import { applyMigrations, createMigration, migrationStatus } from "./lib/migrations";
import { withDatabase } from "./lib/database-url";
import { registerExistingCertificatesAt } from "./lib/register-existing-certificates-at";

async function main() {
  const [command, name] = process.argv.slice(2);
  await withDatabase(async (url) => {
    if (command === "deploy") {
      const applied = await applyMigrations(url);
      console.log(applied.length ? `適用したマイグレーション: ${applied.join(", ")}` : "適用待ちのマイグレーションはありません (up to date)");
      await registerExistingCertificatesAt(url);
    } else if (command === "create") {
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- <name> (a-z, 0-9, _)");
      await applyMigrations(url);
      const dir = await createMigration(url, name);
      console.log(dir ? `作成しました: ${dir}` : "スキーマに変更はありません (no changes)");
      if (dir) await applyMigrations(url);
    } else if (command === "status") {
      const s = await migrationStatus(url);
      console.log(JSON.stringify(s, null, 2));
      if (s.history) process.exitCode = 1;
    } else {
      throw new Error(`unknown command ${command}`);
    }
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
