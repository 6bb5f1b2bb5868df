import "server-only";
import { PrismaClient } from "@/lib/generated/dsure/client";
import { env } from "@/lib/env";
import { createPooledClient, lazyClient } from "@/lib/database/pooled-client";

export { poolOf } from "@/lib/database/pooled-client";

/**
 * D-Sure's own Prisma client: its tables only (prisma/dsure/schema.prisma, the Postgres schema `dsure`), in
 * DSURE_DATABASE_URL's database or, unset, DATABASE_URL's. The surety's client cannot see them, and this one cannot
 * see the surety's.
 */
export type DsureDb = PrismaClient;
export type DsureTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDsureClient(databaseUrl: string, poolSize = 10): DsureDb {
  return createPooledClient((adapter) => new PrismaClient({ adapter }), databaseUrl, poolSize);
}

/** D-Sure's database URL as configured. */
export const dsureDatabaseUrl = (): string => env().DSURE_DATABASE_URL ?? env().DATABASE_URL;

const holder = lazyClient("__denshiHoshoDsureDb", () => createDsureClient(dsureDatabaseUrl()));

/** D-Sure's client of this process, created on first use. */
export const dsureDb: DsureDb = holder.client;

/** Ends D-Sure's pool if it was opened (CLI entry points call it before they return). */
export const disconnectDsureDb: () => Promise<void> = holder.disconnect;
