import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { markDatabaseDown } from "@/lib/db-health";

const POOL = Symbol.for("denshi-hosho.pg-pool");

/**
 * A Prisma client (the surety's or D-Sure's, `make` builds it from the adapter) that owns its pg pool (ended with it);
 * the D-Sure look-up's hot path uses the same pool directly (poolOf): same connections, same limits, without Prisma's
 * per-call work.
 */
export function createPooledClient<T extends object>(make: (adapter: PrismaPg) => T, databaseUrl: string, poolSize = 10): T {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 0 });
  // Idle connections are kept (idleTimeoutMillis 0), so a stopped Postgres is noticed the moment it closes them: a
  // pooled connection that breaks (Postgres stopped, network cut) opens the circuit in lib/db-health. Listened to here,
  // from the start (the look-up may use the pool before Prisma has), so an idle connection's error never goes unhandled.
  pool.on("error", (e) => markDatabaseDown(e));
  const client = make(new PrismaPg(pool, { disposeExternalPool: true, onConnectionError: (e) => markDatabaseDown(e) }));
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

/** The pg pool behind a client made by createPooledClient (also through a lazy proxy of one). */
export function poolOf(client: object): pg.Pool {
  const pool = (client as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error("poolOf: this Prisma client was not made by createPooledClient");
  return pool;
}

/**
 * A client created on first use (kept on globalThis under `slot`, so Next.js dev reloads do not open a new pool each
 * time), and the function that ends its pool if it was opened: a CLI entry point that ran domain functions calls it
 * before it returns, or idle pooled connections keep the process alive.
 */
export function lazyClient<T extends object & { $disconnect(): Promise<void> }>(
  slot: string,
  create: () => T,
): { client: T; disconnect: () => Promise<void> } {
  const holder = globalThis as unknown as Record<string, T | undefined>;
  const client = new Proxy({} as T, {
    get(_t, prop) {
      holder[slot] ??= create();
      const target = holder[slot]!;
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const disconnect = async () => {
    const opened = holder[slot];
    if (!opened) return;
    holder[slot] = undefined;
    await opened.$disconnect();
  };
  return { client, disconnect };
}
