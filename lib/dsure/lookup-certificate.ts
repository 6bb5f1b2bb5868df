import "server-only";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { db as appDb, poolOf, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { authKeyKeys } from "@/lib/env";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { normalizeAuthKeyInput } from "@/lib/auth-key/normalize-auth-key-input";
import { authKeyHashesEqual, hashAuthKey } from "@/lib/auth-key/hash-auth-key";
import { createBatcher } from "@/lib/batch/create-batcher";
import { isDatabaseUnreachableError } from "@/lib/db-health";
import { recordFailureSql, resetThrottleSql, FIFTEEN_MINUTES, type ThrottleRule } from "@/lib/rate-limit/throttle";
import { createLruCache } from "@/lib/cache/create-lru-cache";
import {
  assembleCertificateView,
  toVersionViews,
  type CertificateContractRow,
  type CertificateVersionView,
  type CertificateView,
} from "@/lib/certificate/to-certificate-view";
import type { DeliveryMethod, DsureChannel, DsureOutcome } from "@/lib/generated/prisma/enums";

/** 10 failures for one 保証契約番号 within 15 minutes → refused for 15 minutes (from every address). */
export const DSURE_NUMBER_THROTTLE: ThrottleRule = { limit: 10, windowMs: FIFTEEN_MINUTES, blockMs: FIFTEEN_MINUTES };
/** 30 failures from one client address within 15 minutes → refused for 15 minutes (for every number). */
export const DSURE_CLIENT_THROTTLE: ThrottleRule = { limit: 30, windowMs: FIFTEEN_MINUTES, blockMs: FIFTEEN_MINUTES };

export const dsureThrottleKeys = (contractNumber: string, clientIp: string) => ({
  number: `dsure:no:${contractNumber}`,
  client: `dsure:ip:${clientIp}`,
});

export type LookupResult =
  | { ok: true; view: CertificateView }
  /** The input cannot be a real number or key; nothing was looked up and nothing counted against the caller. */
  | { ok: false; reason: "BAD_NUMBER"; detail: "FORMAT" | "CHECK_DIGIT" }
  | { ok: false; reason: "BAD_KEY" }
  /** Unknown number, wrong key, revoked key, or no certificate: one answer for all. */
  | { ok: false; reason: "NOT_FOUND" }
  | { ok: false; reason: "THROTTLED"; until: Date };

// Compared against when there is no contract or no active key, so a miss costs the same HMAC as a wrong key.
const NO_KEY_HASH = "0".repeat(64);

type LookupRow = {
  /** The later block of the number's and the client's counters, if either is blocked now. */
  blockedUntil: Date | null;
  /** Whether the number has a failure counter at all (only then does a success have one to reset). */
  numberCounter: boolean;
  id: string | null;
  contractNumber: string | null;
  guaranteeType: CertificateContractRow["guaranteeType"] | null;
  deliveryMethod: DeliveryMethod | null;
  status: CertificateContractRow["status"] | null;
  /** YYYY-MM-DD (a date column, read as text so the process's time zone cannot shift it). */
  periodTo: string | null;
  cancelDate: string | null;
  currentVersion: number | null;
  /** The newest unrevoked 認証キー's keyed hash. */
  keyHash: string | null;
  /** Every 版 with its public key, as JSON text exactly as Postgres returns it (see versionViewsOf). */
  versions: string | null;
  /** Whether this statement already logged the look-up as a VIEW (see readForLookup). */
  logged: boolean;
};

type RawVersion = Omit<CertificateContractRow["versions"][number], "issuedAt" | "signingKey"> & {
  issuedAt: string;
  publicKeyPem: string | null;
  algorithm: string | null;
};

type ReadItem = {
  number: string;
  numberKey: string;
  clientKey: string;
  now: Date;
  /** The keyed hash of the 認証キー as typed (hashAuthKey). */
  typedHash: string;
  channel: DsureChannel;
  clientIp: string;
  userAgent: string | null;
};

/**
 * Everything a look-up needs in ONE round trip: whether the number or the client is blocked (and whether the number
 * has a counter to reset), and the contract by its unique number with its newest active key's hash and every 版
 * (oldest first) with its signing key's public half. One row per item, in order, even for an unknown number.
 *
 * The plain success — not blocked, an electronic certificate with 版 whose active key's hash is the typed key's, no
 * failure counter to reset — is also logged here (`logged`), in the same statement: the usual look-up is one round
 * trip. Every other outcome is logged by the caller afterwards, as before. (The hashes compared here are keyed hashes:
 * their comparison's timing tells nothing about a key; the app still decides what to show with a constant-time check.)
 * Concurrent look-ups share the statement (see createBatcher): each item is still one indexed read.
 */
async function readForLookup(pool: pg.Pool, items: ReadItem[]): Promise<LookupRow[]> {
  const { rows } = await preparedQuery<LookupRow>(pool, "dsure_lookup_read", Prisma.sql`
    WITH "r" AS MATERIALIZED (
      SELECT i."ord", i."now", i."number", i."typedHash", i."channel", i."clientIp", i."userAgent",
        tc."blockedUntil", tc."numberCounter",
        c."id" AS "uuid", c."id"::text AS "id", c."contractNumber", c."guaranteeType"::text AS "guaranteeType",
        c."deliveryMethod"::text AS "deliveryMethod", c."status"::text AS "status",
        c."periodTo"::text AS "periodTo", c."cancelDate"::text AS "cancelDate", c."currentVersion",
        (SELECT a."keyHash" FROM "AuthKey" a WHERE a."contractId" = c."id" AND a."revokedAt" IS NULL
          ORDER BY a."issuedAt" DESC LIMIT 1) AS "keyHash",
        (SELECT json_agg(json_build_object(
            'version', v."version", 'content', v."content", 'contentHash', v."contentHash", 'signature', v."signature",
            'signingKeyId', v."signingKeyId", 'changeSummary', v."changeSummary",
            'issuedAt', to_char(v."issuedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'publicKeyPem', k."publicKeyPem", 'algorithm', k."algorithm") ORDER BY v."version")
          FROM "CertificateVersion" v LEFT JOIN "SigningKey" k ON k."keyId" = v."signingKeyId"
          WHERE v."contractId" = c."id")::text AS "versions"
      FROM unnest(${items.map((i) => i.number)}::text[], ${items.map((i) => i.numberKey)}::text[],
                  ${items.map((i) => i.clientKey)}::text[], ${items.map((i) => i.now.toISOString())}::timestamptz[],
                  ${items.map((i) => i.typedHash)}::text[], ${items.map((i) => i.channel)}::text[],
                  ${items.map((i) => i.clientIp)}::text[], ${items.map((i) => i.userAgent)}::text[])
           WITH ORDINALITY AS i("number", "numberKey", "clientKey", "now", "typedHash", "channel", "clientIp", "userAgent", "ord")
      -- Both counters in one index probe (never a scan of the whole table, however many counters an attack leaves).
      CROSS JOIN LATERAL (
        SELECT max(t."blockedUntil") FILTER (WHERE t."blockedUntil" > i."now") AS "blockedUntil",
               coalesce(bool_or(t."key" = i."numberKey"), false) AS "numberCounter"
        FROM "ThrottleCounter" t WHERE t."key" IN (i."numberKey", i."clientKey")) tc
      LEFT JOIN "GuaranteeContract" c ON c."contractNumber" = i."number"
    ),
    "s" AS (
      SELECT *, ("blockedUntil" IS NULL AND NOT "numberCounter" AND "deliveryMethod" = 'ELECTRONIC'
                 AND "versions" IS NOT NULL AND "keyHash" = "typedHash") AS "logged"
      FROM "r"
    ),
    "log" AS (
      INSERT INTO "DsureAccessLog" ("at", "channel", "outcome", "contractNumber", "contractId", "clientIp", "userAgent")
      SELECT "now", "channel"::"DsureChannel", 'VIEW', "number", "uuid", "clientIp", "userAgent"
      FROM "s" WHERE "logged" ORDER BY "ord"
    )
    SELECT "blockedUntil", "numberCounter", "id", "contractNumber", "guaranteeType", "deliveryMethod", "status",
           "periodTo", "cancelDate", "currentVersion", "keyHash", "versions", "logged"
    FROM "s" ORDER BY "ord"`);
  return rows;
}

/**
 * The look-up is the hot path: its statements go to the client's pg pool directly (the same connections Prisma
 * uses), skipping Prisma's per-call work, which measured more than the statements themselves.
 */
function query<R extends pg.QueryResultRow>(pool: pg.Pool, sql: Prisma.Sql): Promise<pg.QueryResult<R>> {
  return pool.query<R>(sql.text, sql.values as unknown[]);
}

/** This process's connections: a random prefix (other processes share the embedded engine's one session) + a serial. */
const connectionPrefix = randomBytes(4).toString("hex");
let connectionSerial = 0;
const connectionIds = new WeakMap<pg.PoolClient, string>();

/**
 * The same, as a named (prepared) statement, planned once per connection: for statements whose text never changes
 * (the batches pass arrays). Postgres would still plan a prepared statement afresh on every call while it judges a
 * plan for the given values better than the generic one — and with arrays as values it always does — so a connection
 * is switched to generic plans before its first prepared statement (`plan_cache_mode` only concerns named statements;
 * Prisma's are unnamed). The generic plan is the one these statements are written for: one index probe per item.
 * Planning the read measured about as much database CPU as running it.
 * Names carry the process's and the connection's own id, since the embedded engine serves every connection of every
 * process from one Postgres session, where two connections' statements of one name clash.
 */
async function preparedQuery<R extends pg.QueryResultRow>(pool: pg.Pool, name: string, sql: Prisma.Sql): Promise<pg.QueryResult<R>> {
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

/** A date column's text (YYYY-MM-DD) as the Date Prisma gives for it (midnight UTC). */
const utcDate = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

type LogItem = {
  at: Date;
  channel: DsureChannel;
  outcome: DsureOutcome;
  contractNumber: string;
  contractId: string | null;
  clientIp: string;
  userAgent: string | null;
};

/** The INSERT of access-log rows, in order (one row, or the rows of concurrent look-ups: see createBatcher). */
function accessLogInsertSql(items: LogItem[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "DsureAccessLog" ("at", "channel", "outcome", "contractNumber", "contractId", "clientIp", "userAgent")
    SELECT "at", "channel"::"DsureChannel", "outcome"::"DsureOutcome", "contractNumber", "contractId"::uuid, "clientIp", "userAgent"
    FROM unnest(${items.map((i) => i.at.toISOString())}::timestamptz[], ${items.map((i) => i.channel)}::text[],
                ${items.map((i) => i.outcome)}::text[], ${items.map((i) => i.contractNumber)}::text[],
                ${items.map((i) => i.contractId)}::text[], ${items.map((i) => i.clientIp)}::text[],
                ${items.map((i) => i.userAgent)}::text[]) WITH ORDINALITY
         AS t("at", "channel", "outcome", "contractNumber", "contractId", "clientIp", "userAgent", "ord")
    ORDER BY "ord"`;
}

/** Access-log rows of concurrent look-ups in one INSERT; resolves once they are committed. */
async function writeAccessLog(pool: pg.Pool, items: LogItem[]): Promise<void[]> {
  await preparedQuery(pool, "dsure_access_log", accessLogInsertSql(items));
  return items.map(() => undefined);
}

const batchers = new WeakMap<pg.Pool, { read: (item: ReadItem) => Promise<LookupRow>; log: (item: LogItem) => Promise<void> }>();

/** The batchers of one pool (one per app instance; tests use several). */
function batchersOf(pool: pg.Pool) {
  let b = batchers.get(pool);
  if (!b) {
    b = {
      // Two reads in flight, so one slow read (a cold page at a million contracts) does not hold up the rest.
      read: createBatcher((items: ReadItem[]) => readForLookup(pool, items), { maxInFlight: 2 }),
      // One log write in flight: commits are serial in Postgres anyway (one WAL flush after another), and the rows
      // that wait meanwhile share the next commit. On the embedded engine (one session) this measured fastest.
      log: createBatcher((items: LogItem[]) => writeAccessLog(pool, items), { maxInFlight: 1 }),
    };
    batchers.set(pool, b);
  }
  return b;
}

function toContractRow(row: LookupRow): Omit<CertificateContractRow, "versions"> | null {
  if (!row.id) return null;
  return {
    id: row.id,
    contractNumber: row.contractNumber!,
    guaranteeType: row.guaranteeType!,
    status: row.status!,
    periodTo: utcDate(row.periodTo!),
    cancelDate: row.cancelDate === null ? null : utcDate(row.cancelDate),
    currentVersion: row.currentVersion!,
  };
}

/**
 * 版 already verified, by the exact text Postgres returned for them (content, hash, signature, key id, public key,
 * dates: all of it). Verifying is a pure function of those bytes, so the same text gives the same answer; a 版 changed
 * in any byte (an altered snapshot, hash, signature or key) is a different key and is parsed and verified afresh.
 */
const verifiedVersions = createLruCache<string, readonly CertificateVersionView[]>(2_000);

function versionViewsOf(text: string | null): readonly CertificateVersionView[] {
  if (text === null) return [];
  const hit = verifiedVersions.get(text);
  if (hit) return hit;
  const raw = JSON.parse(text) as RawVersion[];
  const views = toVersionViews(
    raw.map(({ issuedAt, publicKeyPem, algorithm, ...v }) => ({
      ...v,
      issuedAt: new Date(issuedAt),
      signingKey: publicKeyPem === null ? null : { publicKeyPem, algorithm: algorithm ?? "Ed25519" },
    })),
  );
  verifiedVersions.set(text, views);
  return views;
}

/**
 * The D-Sure look-up shared by the page and the JSON API: reads the number and the key as people type them, refuses
 * callers over the throttling limits (counters in Postgres, shared by every app instance), checks the key against its
 * keyed hash in constant time, verifies every 版's signature (a signature verified once is remembered, see
 * verifyCertificateVersion), and logs the attempt in DsureAccessLog (never the key).
 *
 * Round trips: a plain success is one — the read (block check + contract + key hash + 版) logs it in the same
 * statement. Any other outcome takes one write after the read: the access-log row, together with the failure counters
 * on a miss or the number's counter reset on a success that has one to reset. Under load the reads of concurrent
 * look-ups share statements, and so do the plain log rows of refused ones (createBatcher); each caller still waits
 * until its own row is committed.
 *
 * `db` is injectable so tests can act as two app instances.
 */
export async function lookupCertificate({
  contractNumber: rawNumber,
  authKey: rawKey,
  clientIp,
  userAgent,
  channel,
  db = appDb,
  now = new Date(),
}: {
  contractNumber: string;
  authKey: string;
  clientIp: string;
  userAgent: string | null;
  channel: DsureChannel;
  db?: Db;
  now?: Date;
}): Promise<LookupResult> {
  const pool = poolOf(db);
  const batch = batchersOf(pool);
  const log = (outcome: DsureOutcome, contractNumber: string, contractId: string | null = null) =>
    batch.log({ at: now, channel, outcome, contractNumber, contractId, clientIp, userAgent });
  // The same row as one statement's tail, for the writes that go with it.
  const logRow = (outcome: DsureOutcome, contractNumber: string, contractId: string | null = null) =>
    accessLogInsertSql([{ at: now, channel, outcome, contractNumber, contractId, clientIp, userAgent }]);

  const parsed = parseContractNumber(rawNumber.slice(0, 64));
  if (!parsed.ok) {
    // A mistyped check digit is logged under the digits typed; anything else is not logged verbatim, since a key
    // pasted into the wrong field must not end up in the log.
    const digits = rawNumber.normalize("NFKC").replace(/\D/g, "");
    await log("BAD_FORMAT", parsed.reason === "CHECK_DIGIT" ? `${digits.slice(0, 4)}-${digits.slice(4, 11)}-${digits.slice(11)}` : "");
    return { ok: false, reason: "BAD_NUMBER", detail: parsed.reason };
  }
  const number = parsed.value;
  const key = normalizeAuthKeyInput(rawKey.slice(0, 64));
  if (key === null) {
    await log("BAD_FORMAT", number);
    return { ok: false, reason: "BAD_KEY" };
  }

  const keys = dsureThrottleKeys(number, clientIp);
  const { hmacKey } = authKeyKeys();
  const typedHash = hashAuthKey(key, hmacKey);
  const row = await batch.read({ number, numberKey: keys.number, clientKey: keys.client, now, typedHash, channel, clientIp, userAgent });
  if (row.blockedUntil) {
    await log("THROTTLED", number);
    return { ok: false, reason: "THROTTLED", until: row.blockedUntil };
  }

  const contract = toContractRow(row);
  const activeHash = row.deliveryMethod === "ELECTRONIC" ? (row.keyHash ?? undefined) : undefined;
  const keyMatches = authKeyHashesEqual(typedHash, activeHash ?? NO_KEY_HASH) && activeHash !== undefined;
  const view = keyMatches && contract ? assembleCertificateView(contract, versionViewsOf(row.versions), now) : null;
  // The plain success was logged by the read itself (readForLookup); every other outcome is logged below.
  if (view && row.logged) return { ok: true, view };

  if (!view) {
    // Both counters and the log row in one statement (data-modifying CTEs all run, referenced or not).
    await query(pool, Prisma.sql`
      WITH "numberFailure" AS (${recordFailureSql(keys.number, DSURE_NUMBER_THROTTLE, now)}),
           "clientFailure" AS (${recordFailureSql(keys.client, DSURE_CLIENT_THROTTLE, now)})
      ${logRow("NOT_FOUND", number, contract?.id ?? null)}`);
    return { ok: false, reason: "NOT_FOUND" };
  }

  // A success forgets the number's earlier failures (unless it became blocked meanwhile), in the log's statement.
  await query(pool, Prisma.sql`
    WITH "reset" AS (${resetThrottleSql(keys.number, now)})
    ${logRow("VIEW", number, contract!.id)}`);
  return { ok: true, view };
}
