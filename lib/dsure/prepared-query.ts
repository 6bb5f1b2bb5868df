import "server-only";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Prisma } from "@/lib/generated/dsure/client";
import { isDatabaseUnreachableError } from "@/lib/db-health";

/** This process's connections: a random prefix (other processes share the embedded engine's one session) + a serial. */
const connectionPrefix = randomBytes(4).toString("hex");
let connectionSerial = 0;
const connectionIds = new WeakMap<pg.PoolClient, string>();

/**
 * D-Sure's hot statements go to the client's pg pool directly (the same connections Prisma uses), skipping Prisma's
 * per-call work, which measured more than the statements themselves, as named (prepared) statements planned once per
 * connection: for statements whose text never changes
 * (the batches pass arrays). Postgres would still plan a prepared statement afresh on every call while it judges a
 * plan for the given values better than the generic one — and with arrays as values it always does — so a connection
 * is switched to generic plans before its first prepared statement (`plan_cache_mode` only concerns named statements;
 * Prisma's are unnamed). The generic plan is the one these statements are written for: one index probe per item.
 * Planning the read measured about as much database CPU as running it.
 * Names carry the process's and the connection's own id, since the embedded engine serves every connection of every
 * process from one Postgres session, where two connections' statements of one name clash.
 */
export async function preparedQuery<R extends pg.QueryResultRow>(pool: pg.Pool, name: string, sql: Prisma.Sql): Promise<pg.QueryResult<R>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    let id = connectionIds.get(client);
    if (id === undefined) {
      // Only an optimisation: where it cannot be set (Postgres before 12), statements are planned per call.
      await client.query("SET plan_cache_mode = force_generic_plan").catch(() => undefined);
      connectionIds.set(client, (id = `${connectionPrefix}_${++connectionSerial}`));
    }
    return await client.query<R>({ name: `${name}_${id}`, text: sql.text, values: sql.values as unknown[] });
  } catch (e) {
    // A connection that broke is dropped from the pool; a statement that failed leaves it usable.
    if (isDatabaseUnreachableError(e)) broken = e as Error;
    throw e;
  } finally {
    client.release(broken);
  }
}

