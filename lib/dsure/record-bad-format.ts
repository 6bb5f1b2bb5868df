import "server-only";
import type pg from "pg";
import { dsureDb, poolOf, type DsureDb } from "./db";
import { Prisma } from "@/lib/generated/dsure/client";
import type { DsureChannel } from "@/lib/generated/dsure/enums";
import { createBatcher } from "@/lib/batch/create-batcher";
import { addressGroupOf } from "@/lib/http/ip-address";
import { preparedQuery } from "./prepared-query";
import { addFailuresSql } from "./add-failures-sql";

type Item = { at: Date; channel: DsureChannel; contractNumber: string; clientKey: string; clientIp: string; userAgent: string | null };

/**
 * BAD_FORMAT rows of concurrent requests in one statement, each counted as a failure of its client (not of any
 * number: a mistyped check digit names no certificate). Resolves once committed.
 */
async function write(pool: pg.Pool, items: Item[]): Promise<void[]> {
  await preparedQuery(pool, "dsure_bad_format", Prisma.sql`
    WITH "i" AS (
      SELECT * FROM unnest(${items.map((i) => i.at.toISOString())}::timestamptz[], ${items.map((i) => i.channel)}::text[],
                  ${items.map((i) => i.contractNumber)}::text[], ${items.map((i) => i.clientKey)}::text[],
                  ${items.map((i) => i.clientIp)}::text[], ${items.map((i) => i.userAgent)}::text[])
           WITH ORDINALITY AS i("at", "channel", "contractNumber", "clientKey", "clientIp", "userAgent", "ord")
    ),
    "c" AS (${addFailuresSql(Prisma.sql`SELECT "clientKey", max("at"), count(*)::int FROM "i" GROUP BY "clientKey"`)})
    INSERT INTO "dsure"."DsureAccessLog" ("at", "channel", "outcome", "contractNumber", "clientIp", "userAgent")
    SELECT "at", "channel"::"dsure"."DsureChannel", 'BAD_FORMAT', "contractNumber", "clientIp", "userAgent" FROM "i" ORDER BY "ord"`);
  return items.map(() => undefined);
}

const batchers = new WeakMap<pg.Pool, (item: Item) => Promise<void>>();

/**
 * Logs a D-Sure request that could not be a look-up — an unreadable body, a missing field, a malformed or mistyped
 * number or key — and counts it against the client's limit (DSURE_LIMITS.client). `contractNumber` is what may be
 * logged of the number: the digits of a number with a wrong check digit, else "" (a key pasted into the number
 * field must not reach the log).
 */
export async function recordBadFormat({
  clientIp,
  userAgent,
  channel,
  contractNumber = "",
  db = dsureDb,
  now = new Date(),
}: {
  clientIp: string;
  userAgent: string | null;
  channel: DsureChannel;
  contractNumber?: string;
  db?: DsureDb;
  now?: Date;
}): Promise<void> {
  const pool = poolOf(db);
  let record = batchers.get(pool);
  if (!record) {
    record = createBatcher((items: Item[]) => write(pool, items), { maxInFlight: 1 });
    batchers.set(pool, record);
  }
  await record({ at: now, channel, contractNumber, clientKey: `dsure:ip:${addressGroupOf(clientIp)}`, clientIp, userAgent });
}
