import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { setDatabaseProbe } from "@/lib/db-health";
import { createPooledClient, lazyClient } from "@/lib/database/pooled-client";

export { poolOf } from "@/lib/database/pooled-client";

/** The surety's Prisma client (D-Sure has its own: lib/dsure/db.ts). */
export type Db = PrismaClient;
/** A Prisma transaction client (what `$transaction(async (tx) => …)` hands over). */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  return createPooledClient((adapter) => new PrismaClient({ adapter }), databaseUrl, poolSize);
}

const app = lazyClient("__denshiHoshoDb", () => {
  const client = createPrismaClient(env().DATABASE_URL);
  setDatabaseProbe(() => client.$queryRaw`SELECT 1`);
  return client;
});

/** The app's Prisma client, created on first use from DATABASE_URL. */
export const db: PrismaClient = app.client;

/**
 * Ends the app client's pool if it was opened. A CLI entry point that ran domain functions (which write through `db`)
 * calls this before it returns, or its idle pooled connections keep the process alive (`db:seed` on a real
 * PostgreSQL never exited).
 */
export const disconnectDb: () => Promise<void> = app.disconnect;
