import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { REGISTRATION_MAX_SKEW_MS } from "./registration-request";

/**
 * Forgets nonces of registration requests whose timestamp is past the accepted window by a margin: such a request,
 * replayed, is refused as stale before its nonce is looked at. Returns how many went.
 */
export async function purgeRegistrationNonces({ db = appDb, now = new Date() }: { db?: Db; now?: Date } = {}): Promise<number> {
  const before = new Date(now.getTime() - 2 * REGISTRATION_MAX_SKEW_MS);
  return db.$executeRaw`DELETE FROM "DsureRegistrationNonce" WHERE "signedAt" < ${before}`;
}
