import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { markDatabaseDown, setDatabaseProbe } from "@/lib/db-health";

export type Db = PrismaClient;
/** A Prisma transaction client (what `$transaction(async (tx) => …)` hands over). */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 0 },
      // Idle connections are kept (idleTimeoutMillis 0), so a stopped Postgres is noticed the moment it closes them:
      // a pooled connection that breaks (Postgres stopped, network cut) opens the circuit in lib/db-health.
      { onPoolError: (e) => markDatabaseDown(e), onConnectionError: (e) => markDatabaseDown(e) },
    ),
  });
}

const holder = globalThis as unknown as { __denshiHoshoDb?: PrismaClient };

/**
 * The app's Prisma client, created on first use from DATABASE_URL (kept on globalThis so Next.js dev reloads
 * do not open a new pool each time).
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    if (!holder.__denshiHoshoDb) {
      const client = createPrismaClient(env().DATABASE_URL);
      holder.__denshiHoshoDb = client;
      setDatabaseProbe(() => client.$queryRaw`SELECT 1`);
    }
    const value = Reflect.get(holder.__denshiHoshoDb, prop);
    return typeof value === "function" ? value.bind(holder.__denshiHoshoDb) : value;
  },
});
