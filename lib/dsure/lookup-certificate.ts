import "server-only";
import crypto from "node:crypto";
import type pg from "pg";
import { dsureDb, poolOf, type DsureDb } from "./db";
import { Prisma } from "@/lib/generated/dsure/client";
import { authKeyKeys, env } from "@/lib/env";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { normalizeAuthKeyInput } from "@/lib/auth-key/normalize-auth-key-input";
import { createBatcher } from "@/lib/batch/create-batcher";
import { DSURE_LIMITS, dsureThrottleKeys } from "./limits";
import { preparedQuery } from "./prepared-query";
import { addFailuresSql } from "./add-failures-sql";
import { recordBadFormat } from "./record-bad-format";
import { createLruCache } from "@/lib/cache/create-lru-cache";
import { assembleCertificateView, type CertificateVersionView, type CertificateView } from "@/lib/certificate/to-certificate-view";
import { keyVerifierOf, keyVerifiersEqual, legacyKeyVerifierOf } from "./chain-format";
import { dsureIssuers } from "./issuers";
import { verifyChain, type ChainProblem, type ChainVerdict, type StoredChainEntry } from "./verify-chain";
import type { DsureChannel } from "@/lib/generated/dsure/enums";

export type LookupResult =
  /** `chain`: the verified chain as stored (JSON text), for the verification file (buildVerificationFile). */
  | { ok: true; view: CertificateView; chain: string }
  /** The key matched, but the certificate's chain fails its check: nothing of it is shown, only why. */
  | { ok: false; reason: "TAMPERED"; contractNumber: string; problem: ChainProblem; seq: number }
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
  issuerCode: string | null;
  /** The newest KEY entry's verifier as stored (only where the outcome is VIEW). */
  keyVerifier: string | null;
  /** The certificate's chain entries, oldest first, as JSON text exactly as Postgres returns it (only for VIEW). */
  entries: string | null;
};

type ReadItem = {
  number: string;
  clientKey: string;
  pairKey: string;
  now: Date;
  /** The 認証キー as typed, as a KEY entry's verifier for this number would hold it (keyVerifierOf). */
  typedHash: string;
  /** The same as a chain from before v2 holds it (legacyKeyVerifierOf), where D-Sure has that secret; else null. */
  typedLegacy: string | null;
  channel: DsureChannel;
  clientIp: string;
  userAgent: string | null;
};

/**
 * A whole look-up in ONE statement: the key verifier the certificate's chain names last and, for a match, the whole
 * chain (D-Sure's own DsureChainEntry rows, oldest first); the client's failure counters, counted before anything is
 * judged; the outcome; and its access-log row. One row per item, in order, even for an unknown number.
 *
 * Counting before judging: every look-up takes its client's counter row (INSERT … ON CONFLICT DO UPDATE, which waits
 * for any other look-up of the same client and then sees its count), adding its own failure if its key does not
 * match; a failure also counts on the (number, client) row. A look-up is judged only if the failures before it — on
 * the rows as they stand after every earlier look-up of that client, on any instance — are under the limits. So
 * parallel guesses get no extra tries, and a right key sent among them is judged only inside the limit too. (The
 * (number, client) row is read from the statement's snapshot for a right key, so a burst on one number is held to
 * the client limit rather than the pair limit; docs/decisions/008-dsure-limits.md counts with the larger.)
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
                  ${items.map((i) => i.typedHash)}::text[], ${items.map((i) => i.typedLegacy)}::text[], ${items.map((i) => i.channel)}::text[],
                  ${items.map((i) => i.clientIp)}::text[], ${items.map((i) => i.userAgent)}::text[])
           WITH ORDINALITY AS i("number", "clientKey", "pairKey", "now", "typedHash", "typedLegacy", "channel", "clientIp", "userAgent", "ord")
    ),
    "r" AS MATERIALIZED (
      SELECT i.*, kh."issuerCode", kh."verifier",
        (kh."verifier" = i."typedHash" OR kh."verifier" = i."typedLegacy") IS TRUE AS "matched"
      FROM "i"
      -- The key in force is the one the certificate's chain names last (checked with the rest of the chain afterwards).
      LEFT JOIN LATERAL (SELECT e."issuerCode", coalesce(e."keyOpening"->>'keyVerifier', e."data"->>'keyVerifier') AS "verifier" FROM "dsure"."DsureChainEntry" e
                         WHERE e."contractNumber" = i."number" AND e."kind" = 'KEY'
                         ORDER BY e."seq" DESC LIMIT 1) kh ON true
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
      LEFT JOIN "dsure"."DsureThrottleCounter" ps ON ps."key" = r."pairKey" AND pc."key" IS NULL
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
      INSERT INTO "dsure"."DsureAccessLog" ("at", "channel", "outcome", "contractNumber", "issuerCode", "clientIp", "userAgent")
      SELECT "now", "channel"::"dsure"."DsureChannel", "outcome"::"dsure"."DsureOutcome", "number",
             CASE WHEN "outcome" = 'THROTTLED' THEN NULL ELSE "issuerCode" END, "clientIp", "userAgent"
      FROM "s" ORDER BY "ord"
    )
    SELECT "outcome", "until", "issuerCode",
           CASE WHEN "outcome" = 'VIEW' THEN "verifier" END AS "keyVerifier",
           CASE WHEN "outcome" = 'VIEW' THEN
             (SELECT json_agg(json_build_object(
                'issuer', e."issuerCode", 'contractNumber', e."contractNumber", 'seq', e."seq", 'kind', e."kind",
                'at', to_char(e."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'prev', e."prevHash",
                'data', e."data", 'keyId', e."keyId", 'signature', e."signature", 'opening', e."keyOpening") ORDER BY e."seq", e."id")
              FROM "dsure"."DsureChainEntry" e WHERE e."contractNumber" = "s"."number" AND e."issuerCode" = "s"."issuerCode")::text END AS "entries"
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

/**
 * Chains already checked, by the SHA-256 of their text exactly as Postgres returned it (every field of every entry).
 * The verdict is a pure function of that text and the configured issuers, so the same text gives the same answer; a
 * chain changed in any byte is a different key and is checked afresh.
 */
const verdicts = createLruCache<string, ChainVerdict>(4_000);

function verdictOf(text: string, contractNumber: string): ChainVerdict {
  const digest = crypto.createHash("sha256").update(text, "utf8").digest("base64");
  const cacheKey = `${contractNumber} ${digest}`;
  const hit = verdicts.get(cacheKey);
  if (hit) return hit;
  let entries: StoredChainEntry[];
  try {
    entries = JSON.parse(text) as StoredChainEntry[];
  } catch {
    entries = [];
  }
  const verdict = verifyChain({ entries, contractNumber, issuers: dsureIssuers() });
  verdicts.set(cacheKey, verdict);
  return verdict;
}

/** 版 as shown, made once per verified chain (the API serialises them once per list, see lookup-response.ts). */
const versionViews = new WeakMap<Extract<ChainVerdict, { ok: true }>, readonly CertificateVersionView[]>();

function versionViewsOf(verdict: Extract<ChainVerdict, { ok: true }>): readonly CertificateVersionView[] {
  let views = versionViews.get(verdict);
  if (!views) {
    const integrity = { signatureValid: true, contentHashValid: true, keyIdValid: true, ok: true };
    views = verdict.versions.map((v) => ({
      version: v.version,
      issuedAt: v.at,
      changeSummary: v.changeSummary,
      content: v.content,
      contentHash: v.contentHash,
      signature: { algorithm: "Ed25519", keyId: v.keyId, value: v.signature },
      integrity,
    }));
    versionViews.set(verdict, views);
  }
  return views;
}

/** The certificate as its verified chain says it is: the current 版, the status and the history; nothing else. */
function viewOf(verdict: Extract<ChainVerdict, { ok: true }>, contractNumber: string, now: Date): CertificateView | null {
  const versions = versionViewsOf(verdict);
  const current = verdict.versions[verdict.versions.length - 1]!;
  const content = current.content as { guaranteeType?: unknown; guarantee?: { periodTo?: unknown } };
  const periodTo = typeof content.guarantee?.periodTo === "string" ? content.guarantee.periodTo : null;
  if (!periodTo || !/^\d{4}-\d{2}-\d{2}$/.test(periodTo) || typeof content.guaranteeType !== "string") return null;
  const issuer = dsureIssuers().find((i) => i.code === verdict.issuer);
  const view = assembleCertificateView(
    {
      id: contractNumber, // D-Sure knows a certificate by its number alone
      contractNumber,
      guaranteeType: content.guaranteeType as CertificateView["guaranteeType"],
      status: verdict.cancel ? "CANCELLED" : "ACTIVE",
      periodTo: utcDate(periodTo),
      cancelDate: verdict.cancel ? utcDate(verdict.cancel.cancelDate) : null,
      currentVersion: current.version,
    },
    versions,
    now,
  );
  return view && { ...view, issuer: { code: verdict.issuer, name: issuer?.name ?? verdict.issuer } };
}

/**
 * The D-Sure look-up shared by the page and the JSON API: reads the number and the key as people type them, counts
 * and judges the attempt against the client's limits (DSURE_LIMITS; counters in Postgres, shared by every app
 * instance), checks the key against the verifier the certificate's chain names, in constant time, checks the whole
 * chain again (verifyChain with the configured issuers; a chain checked once is remembered by the hash of its stored
 * text, see verdictOf) and shows only what the chain says, and logs the attempt in DsureAccessLog (never the key).
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
  db = dsureDb,
  now = new Date(),
}: {
  contractNumber: string;
  authKey: string;
  clientIp: string;
  userAgent: string | null;
  channel: DsureChannel;
  db?: DsureDb;
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
  const typedHash = keyVerifierOf({ key, contractNumber: number });
  // Chains registered before v2 carry a verifier made with the issuer's secret; D-Sure opens them only if it has it.
  const typedLegacy = env().AUTH_KEY_SECRET ? legacyKeyVerifierOf({ key, contractNumber: number, hmacKey: authKeyKeys().hmacKey }) : null;
  const row = await readerOf(poolOf(db))({
    number, clientKey: keys.client, pairKey: keys.pair, now, typedHash, typedLegacy, channel, clientIp, userAgent,
  });
  if (row.outcome === "THROTTLED") return { ok: false, reason: "THROTTLED", until: row.until ?? new Date(now.getTime() + DSURE_LIMITS.windowMs) };
  if (row.outcome === "NOT_FOUND") return { ok: false, reason: "NOT_FOUND" };

  // VIEW: the statement compared verifiers; the app confirms in constant time before it looks further.
  const typedMatches = (stored: string) =>
    // Both compared every time, so the time taken does not tell which version matched.
    [keyVerifiersEqual(typedHash, stored), typedLegacy !== null && keyVerifiersEqual(typedLegacy, stored)].some(Boolean);
  if (!row.keyVerifier || !row.entries || !typedMatches(row.keyVerifier)) {
    throw new Error("D-Sure look-up: the statement and the app disagree on a key match");
  }
  // The chain decides everything shown, including which key opens it: a verifier that is not the chain's own
  // newest KEY entry (one written into the table by hand) fails here with the rest of a tampered chain.
  const verdict = verdictOf(row.entries, number);
  if (verdict.ok && verdict.keyVerifier !== null && typedMatches(verdict.keyVerifier)) {
    const view = viewOf(verdict, number, now);
    if (view) return { ok: true, view, chain: row.entries };
    return { ok: false, reason: "TAMPERED", contractNumber: number, problem: "MALFORMED", seq: verdict.length };
  }
  if (verdict.ok) return { ok: false, reason: "TAMPERED", contractNumber: number, problem: "KEY_BINDING", seq: verdict.length };
  return { ok: false, reason: "TAMPERED", contractNumber: number, problem: verdict.problem, seq: verdict.seq };
}
