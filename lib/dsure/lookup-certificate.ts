import "server-only";
import type pg from "pg";
import { db as appDb, poolOf, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { authKeyKeys } from "@/lib/env";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { normalizeAuthKeyInput } from "@/lib/auth-key/normalize-auth-key-input";
import { authKeyHashesEqual, hashAuthKey } from "@/lib/auth-key/hash-auth-key";
import { createBatcher } from "@/lib/batch/create-batcher";
import { DSURE_LIMITS, dsureThrottleKeys } from "./limits";
import { preparedQuery } from "./prepared-query";
import { addFailuresSql } from "./add-failures-sql";
import { recordBadFormat } from "./record-bad-format";
import { createLruCache } from "@/lib/cache/create-lru-cache";
import {
  assembleCertificateView,
  toVersionViews,
  type CertificateContractRow,
  type CertificateVersionView,
  type CertificateView,
} from "@/lib/certificate/to-certificate-view";
import type { DeliveryMethod, DsureChannel } from "@/lib/generated/prisma/enums";

export type LookupResult =
  | { ok: true; view: CertificateView }
  /** The input cannot be a real number or key: nothing was looked up; it counts against the client only. */
  | { ok: false; reason: "BAD_NUMBER"; detail: "FORMAT" | "CHECK_DIGIT" }
  | { ok: false; reason: "BAD_KEY" }
  /** Unknown number, wrong key, revoked key, or no certificate: one answer for all. */
  | { ok: false; reason: "NOT_FOUND" }
  | { ok: false; reason: "THROTTLED"; until: Date };

type LookupRow = {
  /** What the statement decided and logged: VIEW (the key matched), NOT_FOUND, or THROTTLED (not compared). */
  outcome: "VIEW" | "NOT_FOUND" | "THROTTLED";
  /** For THROTTLED: when the window that refused it ends. */
  until: Date | null;
  id: string | null;
  contractNumber: string | null;
  guaranteeType: CertificateContractRow["guaranteeType"] | null;
  deliveryMethod: DeliveryMethod | null;
  status: CertificateContractRow["status"] | null;
  /** YYYY-MM-DD (a date column, read as text so the process's time zone cannot shift it). */
  periodTo: string | null;
  cancelDate: string | null;
  currentVersion: number | null;
  /** The newest unrevoked 認証キー's keyed hash (only where the outcome is VIEW). */
  keyHash: string | null;
  /** Every 版 with its public key, as JSON text exactly as Postgres returns it (see versionViewsOf; only for VIEW). */
  versions: string | null;
};

type RawVersion = Omit<CertificateContractRow["versions"][number], "issuedAt" | "signingKey"> & {
  issuedAt: string;
  publicKeyPem: string | null;
  algorithm: string | null;
};

type ReadItem = {
  number: string;
  clientKey: string;
  pairKey: string;
  now: Date;
  /** The keyed hash of the 認証キー as typed (hashAuthKey). */
  typedHash: string;
  channel: DsureChannel;
  clientIp: string;
  userAgent: string | null;
};

/**
 * A whole look-up in ONE statement: the contract by its unique number with its newest active key's hash and every 版
 * (oldest first) with its signing key's public half; the client's failure counters, counted before anything is
 * judged; the outcome; and its access-log row. One row per item, in order, even for an unknown number.
 *
 * Counting before judging: every look-up takes its client's counter row (INSERT … ON CONFLICT DO UPDATE, which waits
 * for any other look-up of the same client and then sees its count), adding its own failure if its key does not
 * match; a failure also counts on the (number, client) row. A look-up is judged only if the failures before it — on
 * the rows as they stand after every earlier look-up of that client, on any instance — are under the limits. So
 * parallel guesses get no extra tries, and a right key sent among them is judged only inside the limit too. (The
 * (number, client) row is read from the statement's snapshot for a right key, so a burst on one number is held to
 * the client limit rather than the pair limit; docs/adr/0012-dsure-limits.md counts with the larger.)
 *
 * Concurrent look-ups share the statement (see createBatcher): items of one client within a batch are counted in
 * order (the window functions), since one statement cannot update a row twice. The hashes compared here are keyed
 * hashes: their comparison's timing tells nothing about a key; the app still checks a match in constant time.
 */
async function readForLookup(pool: pg.Pool, items: ReadItem[]): Promise<LookupRow[]> {
  const windowMs = DSURE_LIMITS.windowMs;
  const { rows } = await preparedQuery<LookupRow>(pool, "dsure_lookup", Prisma.sql`
    WITH "i" AS MATERIALIZED (
      SELECT * FROM unnest(${items.map((i) => i.number)}::text[], ${items.map((i) => i.clientKey)}::text[],
                  ${items.map((i) => i.pairKey)}::text[], ${items.map((i) => i.now.toISOString())}::timestamptz[],
                  ${items.map((i) => i.typedHash)}::text[], ${items.map((i) => i.channel)}::text[],
                  ${items.map((i) => i.clientIp)}::text[], ${items.map((i) => i.userAgent)}::text[])
           WITH ORDINALITY AS i("number", "clientKey", "pairKey", "now", "typedHash", "channel", "clientIp", "userAgent", "ord")
    ),
    "r" AS MATERIALIZED (
      SELECT i.*, c."id" AS "uuid", c."id"::text AS "id", c."contractNumber", c."guaranteeType"::text AS "guaranteeType",
        c."deliveryMethod"::text AS "deliveryMethod", c."status"::text AS "status",
        c."periodTo"::text AS "periodTo", c."cancelDate"::text AS "cancelDate", c."currentVersion", kh."keyHash",
        (c."deliveryMethod" = 'ELECTRONIC' AND kh."keyHash" = i."typedHash"
          AND EXISTS (SELECT 1 FROM "CertificateVersion" v WHERE v."contractId" = c."id")) IS TRUE AS "matched"
      FROM "i"
      LEFT JOIN "GuaranteeContract" c ON c."contractNumber" = i."number"
      LEFT JOIN LATERAL (SELECT a."keyHash" FROM "AuthKey" a WHERE a."contractId" = c."id" AND a."revokedAt" IS NULL
                         ORDER BY a."issuedAt" DESC LIMIT 1) kh ON true
    ),
    -- Each counter row this batch touches, with the failures the batch adds to it.
    "k" AS (
      SELECT "key", max("now") AS "now", sum("fail")::int AS "n" FROM (
        SELECT "clientKey" AS "key", "now", (NOT "matched")::int AS "fail" FROM "r"
        UNION ALL
        SELECT "pairKey", "now", 1 FROM "r" WHERE NOT "matched") x
      GROUP BY "key"
    ),
    "c" AS (${addFailuresSql(Prisma.sql`SELECT "key", "now", "n" FROM "k"`)}),
    -- The batch's own failures before each item, per counter row.
    "b" AS (
      SELECT "ord",
        count(*) FILTER (WHERE NOT "matched") OVER (PARTITION BY "clientKey" ORDER BY "ord" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "clientBefore",
        count(*) FILTER (WHERE NOT "matched") OVER (PARTITION BY "pairKey" ORDER BY "ord" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "pairBefore"
      FROM "r"
    ),
    "p" AS (
      SELECT r.*,
        cc."failures" - kc."n" + b."clientBefore" AS "clientPrior", cc."windowStart" AS "clientWindow",
        CASE WHEN pc."key" IS NOT NULL THEN pc."failures" - kp."n" + b."pairBefore"
             WHEN ps."windowStart" > r."now" - make_interval(secs => ${windowMs / 1000}) THEN ps."failures"
             ELSE 0 END AS "pairPrior",
        coalesce(pc."windowStart", ps."windowStart") AS "pairWindow"
      FROM "r" JOIN "b" USING ("ord")
      JOIN "c" cc ON cc."key" = r."clientKey" JOIN "k" kc ON kc."key" = r."clientKey"
      LEFT JOIN "c" pc ON pc."key" = r."pairKey" LEFT JOIN "k" kp ON kp."key" = r."pairKey"
      LEFT JOIN "ThrottleCounter" ps ON ps."key" = r."pairKey" AND pc."key" IS NULL
    ),
    "s" AS (
      SELECT p.*,
        CASE WHEN p."clientPrior" >= ${DSURE_LIMITS.client} OR p."pairPrior" >= ${DSURE_LIMITS.pair} THEN 'THROTTLED'
             WHEN p."matched" THEN 'VIEW' ELSE 'NOT_FOUND' END AS "outcome",
        greatest(CASE WHEN p."clientPrior" >= ${DSURE_LIMITS.client} THEN p."clientWindow" END,
                 CASE WHEN p."pairPrior" >= ${DSURE_LIMITS.pair} THEN p."pairWindow" END)
          + make_interval(secs => ${windowMs / 1000}) AS "until"
      FROM "p"
    ),
    "log" AS (
      INSERT INTO "DsureAccessLog" ("at", "channel", "outcome", "contractNumber", "contractId", "clientIp", "userAgent")
      SELECT "now", "channel"::"DsureChannel", "outcome"::"DsureOutcome", "number",
             CASE WHEN "outcome" = 'THROTTLED' THEN NULL ELSE "uuid" END, "clientIp", "userAgent"
      FROM "s" ORDER BY "ord"
    )
    SELECT "outcome", "until", "id", "contractNumber", "guaranteeType", "deliveryMethod", "status", "periodTo",
           "cancelDate", "currentVersion",
           CASE WHEN "outcome" = 'VIEW' THEN "keyHash" END AS "keyHash",
           CASE WHEN "outcome" = 'VIEW' THEN
             (SELECT json_agg(json_build_object(
                'version', v."version", 'content', v."content", 'contentHash', v."contentHash", 'signature', v."signature",
                'signingKeyId', v."signingKeyId", 'changeSummary', v."changeSummary",
                'issuedAt', to_char(v."issuedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'publicKeyPem', sk."publicKeyPem", 'algorithm', sk."algorithm") ORDER BY v."version")
              FROM "CertificateVersion" v LEFT JOIN "SigningKey" sk ON sk."keyId" = v."signingKeyId"
              WHERE v."contractId" = "s"."uuid")::text END AS "versions"
    FROM "s" ORDER BY "ord"`);
  return rows;
}

/** A date column's text (YYYY-MM-DD) as the Date Prisma gives for it (midnight UTC). */
const utcDate = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

const batchers = new WeakMap<pg.Pool, (item: ReadItem) => Promise<LookupRow>>();

/** The look-up batcher of one pool (one per app instance; tests use several). */
function readerOf(pool: pg.Pool) {
  let read = batchers.get(pool);
  if (!read) {
    // Two statements in flight, so one slow read (a cold page at a million contracts) does not hold up the rest.
    read = createBatcher((items: ReadItem[]) => readForLookup(pool, items), { maxInFlight: 2 });
    batchers.set(pool, read);
  }
  return read;
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
 * The D-Sure look-up shared by the page and the JSON API: reads the number and the key as people type them, counts
 * and judges the attempt against the client's limits (DSURE_LIMITS; counters in Postgres, shared by every app
 * instance), checks the key against its keyed hash in constant time, verifies every 版's signature (a signature
 * verified once is remembered, see verifyCertificateVersion), and logs the attempt in DsureAccessLog (never the key).
 *
 * Round trips: one. The statement counts, decides and logs (readForLookup); under load the statements of concurrent
 * look-ups are shared (createBatcher), and each caller still waits until its own row is committed. A request that
 * cannot be a look-up (recordBadFormat) is one write too.
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
  const badFormat = (contractNumber = "") => recordBadFormat({ clientIp, userAgent, channel, contractNumber, db, now });

  const parsed = parseContractNumber(rawNumber.slice(0, 64));
  if (!parsed.ok) {
    // A mistyped check digit is logged under the digits typed; anything else is not logged verbatim, since a key
    // pasted into the wrong field must not end up in the log.
    const digits = rawNumber.normalize("NFKC").replace(/\D/g, "");
    await badFormat(parsed.reason === "CHECK_DIGIT" ? `${digits.slice(0, 4)}-${digits.slice(4, 11)}-${digits.slice(11)}` : "");
    return { ok: false, reason: "BAD_NUMBER", detail: parsed.reason };
  }
  const number = parsed.value;
  const key = normalizeAuthKeyInput(rawKey.slice(0, 64));
  if (key === null) {
    await badFormat(number);
    return { ok: false, reason: "BAD_KEY" };
  }

  const keys = dsureThrottleKeys(number, clientIp);
  const { hmacKey } = authKeyKeys();
  const typedHash = hashAuthKey(key, hmacKey);
  const row = await readerOf(poolOf(db))({
    number, clientKey: keys.client, pairKey: keys.pair, now, typedHash, channel, clientIp, userAgent,
  });
  if (row.outcome === "THROTTLED") return { ok: false, reason: "THROTTLED", until: row.until ?? new Date(now.getTime() + DSURE_LIMITS.windowMs) };
  if (row.outcome === "NOT_FOUND") return { ok: false, reason: "NOT_FOUND" };

  // VIEW: the statement compared keyed hashes; the app confirms in constant time before it shows anything.
  const contract = toContractRow(row);
  if (!contract || !row.keyHash || !authKeyHashesEqual(typedHash, row.keyHash)) {
    throw new Error("D-Sure look-up: the statement and the app disagree on a key match");
  }
  const view = assembleCertificateView(contract, versionViewsOf(row.versions), now);
  if (!view) throw new Error("D-Sure look-up: a matched certificate without 版");
  return { ok: true, view };
}
