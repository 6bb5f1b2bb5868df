import "server-only";
import { dsureDb, type DsureDb } from "./db";
import { REGISTRATION_MAX_SKEW_MS } from "./registration-request";

/**
 * Forgets nonces of registration requests whose timestamp is past the accepted window by a margin: such a request,
 * replayed, is refused as stale before its nonce is looked at. Returns how many went.
 */
export async function purgeRegistrationNonces({ db = dsureDb, now = new Date() }: { db?: DsureDb; now?: Date } = {}): Promise<number> {
  const before = new Date(now.getTime() - 2 * REGISTRATION_MAX_SKEW_MS);
  return db.$executeRaw`DELETE FROM "dsure"."DsureRegistrationNonce" WHERE "signedAt" < ${before}`;
}
