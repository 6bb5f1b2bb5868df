/**
 * Fixtures for e2e tests, run in a tsx process by `runFixture(name, args)` with the e2e server's DATABASE_URL and
 * secrets. Each uses the real domain functions and prints one JSON line. Add fixtures here as features land.
 */
import { db } from "../../../lib/db";

type Fixture = (args: Record<string, unknown>) => Promise<unknown>;

const fixtures: Record<string, Fixture> = {
  async ping() {
    return { companies: await db.company.count() };
  },
};

async function main() {
  const [name, rawArgs] = process.argv.slice(2);
  const fixture = name ? fixtures[name] : undefined;
  if (!fixture) throw new Error(`unknown fixture ${name}; known: ${Object.keys(fixtures).join(", ")}`);
  const result = await fixture(rawArgs ? JSON.parse(rawArgs) : {});
  console.log(JSON.stringify(result ?? null, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
