import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;
/** A Prisma transaction client (what `$transaction(async (tx) => …)` hands over). */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000 }),
  });
}

const holder = globalThis as unknown as { __denshiHoshoDb?: PrismaClient };

/**
 * The app's Prisma client, created on first use from DATABASE_URL (kept on globalThis so Next.js dev reloads
 * do not open a new pool each time).
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    holder.__denshiHoshoDb ??= createPrismaClient(env().DATABASE_URL);
    const value = Reflect.get(holder.__denshiHoshoDb, prop);
    return typeof value === "function" ? value.bind(holder.__denshiHoshoDb) : value;
  },
});
