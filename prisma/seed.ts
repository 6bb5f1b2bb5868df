/** npm run db:seed — demo data (idempotent); refuses in production. */
import { seedWithDemoData } from "./seed-lib";
import { withDatabase } from "../scripts/lib/database-url";

async function main() {
  if (process.env.NODE_ENV === "production") {
    throw new Error("デモデータは本番環境には投入できません / refusing to seed demo data in production");
  }
  await withDatabase(async (url) => {
    await seedWithDemoData(url);
    console.log("デモデータを投入しました (demo data is in place)");
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
