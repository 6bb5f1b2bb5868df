import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { markDatabaseDown, setDatabaseProbe } from "@/lib/db-health";

export type Db = PrismaClient;
/** A Prisma transaction client (what `$transaction(async (tx) => …)` hands over). */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const POOL = Symbol.for("denshi-hosho.pg-pool");

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  // The client owns its pg pool (ended with it), and the D-Sure look-up's hot path uses the same pool directly
  // (poolOf): same connections, same limits, without Prisma's per-call work.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 0 });
  // Idle connections are kept (idleTimeoutMillis 0), so a stopped Postgres is noticed the moment it closes them: a
  // pooled connection that breaks (Postgres stopped, network cut) opens the circuit in lib/db-health. Listened to here,
  // from the start (the look-up may use the pool before Prisma has), so an idle connection's error never goes unhandled.
  pool.on("error", (e) => markDatabaseDown(e));
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true, onConnectionError: (e) => markDatabaseDown(e) }),
  });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

/** The pg pool behind a client made by createPrismaClient (also through the `db` proxy below). */
export function poolOf(db: Db): pg.Pool {
  const pool = (db as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error("poolOf: this Prisma client was not made by createPrismaClient");
  return pool;
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

/**
 * Ends the app client's pool if it was opened. A CLI entry point that ran domain functions (which write through `db`)
 * calls this before it returns, or its idle pooled connections keep the process alive (`db:seed` on a real
 * PostgreSQL never exited).
 */
export async function disconnectDb(): Promise<void> {
  const client = holder.__denshiHoshoDb;
  if (!client) return;
  holder.__denshiHoshoDb = undefined;
  await client.$disconnect();
}
