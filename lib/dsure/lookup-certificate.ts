import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { authKeyKeys } from "@/lib/env";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { normalizeAuthKeyInput } from "@/lib/auth-key/normalize-auth-key-input";
import { verifyAuthKey } from "@/lib/auth-key/hash-auth-key";
import { blockedUntil, recordFailure, resetThrottle, FIFTEEN_MINUTES, type ThrottleRule } from "@/lib/rate-limit/throttle";
import { CERTIFICATE_CONTRACT_SELECT, toCertificateView, type CertificateView } from "@/lib/certificate/to-certificate-view";
import type { DsureChannel, DsureOutcome } from "@/lib/generated/prisma/enums";

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

/**
 * The D-Sure look-up shared by the page and the JSON API: reads the number and the key as people type them, refuses
 * callers over the throttling limits (counters in Postgres, shared by every app instance), checks the key against its
 * keyed hash in constant time, verifies every 版's signature, and logs the attempt in DsureAccessLog (never the key).
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
  const log = (outcome: DsureOutcome, contractNumber: string, contractId: string | null = null) =>
    db.dsureAccessLog.create({ data: { at: now, channel, outcome, contractNumber, contractId, clientIp, userAgent } });

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
  const blocked = await blockedUntil(db, [keys.number, keys.client], now);
  if (blocked) {
    await log("THROTTLED", number);
    return { ok: false, reason: "THROTTLED", until: blocked };
  }

  const contract = await db.guaranteeContract.findUnique({
    where: { contractNumber: number },
    select: {
      ...CERTIFICATE_CONTRACT_SELECT,
      authKeys: { where: { revokedAt: null }, orderBy: { issuedAt: "desc" }, take: 1, select: { keyHash: true } },
    },
  });
  const { hmacKey } = authKeyKeys();
  const activeHash = contract?.deliveryMethod === "ELECTRONIC" ? contract.authKeys[0]?.keyHash : undefined;
  const keyMatches = verifyAuthKey(key, activeHash ?? NO_KEY_HASH, hmacKey) && activeHash !== undefined;
  const view = keyMatches && contract ? toCertificateView(contract, now) : null;

  if (!view) {
    await recordFailure(db, keys.number, DSURE_NUMBER_THROTTLE, now);
    await recordFailure(db, keys.client, DSURE_CLIENT_THROTTLE, now);
    await log("NOT_FOUND", number, contract?.id ?? null);
    return { ok: false, reason: "NOT_FOUND" };
  }

  await resetThrottle(db, keys.number);
  await log("VIEW", number, contract!.id);
  return { ok: true, view };
}
