import "server-only";
import type { Db } from "@/lib/db";
import { authKeyKeys } from "@/lib/env";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { enqueueCertificateRegistration } from "./enqueue-certificate-registration";

/** The contracts whose newest KEY entry names the key by a bare verifier (v1, v2) instead of a sealed commitment. */
async function unsealedKeyContracts(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ contractId: string }[]>`
    SELECT "contractId" FROM (
      SELECT DISTINCT ON ("contractId") "contractId"::text AS "contractId", "entry"->'data' ? 'keyCommitment' AS "sealed"
      FROM "CertificateRegistration" WHERE "kind" = 'KEY' ORDER BY "contractId", "seq" DESC) k
    WHERE NOT k."sealed"`;
  return rows.map((r) => r.contractId);
}

const isSealed = (entry: unknown) => Boolean((entry as { data?: { keyCommitment?: string } } | null)?.data?.keyCommitment);

/**
 * One-time step (db:migrate, and the dev server's start): the 認証キー in force of every certificate whose chain names
 * it by a bare verifier — v1, made with our secret, which D-Sure alone cannot check; v2, a plain SHA-256 of the key,
 * which the chain's public form (a verification file) must not show — is registered again, the same key, sealed
 * (sealKey: a salted commitment in the chain, its opening given to D-Sure). A KEY entry like any other (`reissue:
 * false`: the key did not change), queued in a transaction holding the contract's row lock, so it keeps its place in the
 * chain. The key notice stays valid. Returns how many were queued.
 */
export async function upgradeKeyVerifiers({ db, now = new Date(), log = () => {} }: { db: Db; now?: Date; log?: (line: string) => void }): Promise<number> {
  let queued = 0;
  for (const contractId of await unsealedKeyContracts(db)) {
    queued += await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ contractNumber: string }[]>`
        SELECT "contractNumber" FROM "GuaranteeContract" WHERE "id" = ${contractId}::uuid FOR UPDATE`;
      if (locked.length === 0) return 0;
      const newest = await tx.certificateRegistration.findFirst({ where: { contractId, kind: "KEY" }, orderBy: { seq: "desc" }, select: { entry: true } });
      if (!newest || isSealed(newest.entry)) return 0; // sealed meanwhile
      const live = await tx.authKey.findFirst({ where: { contractId, revokedAt: null }, orderBy: { issuedAt: "desc" }, select: { ciphertext: true } });
      if (!live) return 0; // no key in force: nothing opens it, nothing to upgrade
      const { contractNumber } = locked[0]!;
      const key = decryptAuthKey(live.ciphertext, authKeyKeys().encryptionKey);
      await enqueueCertificateRegistration(tx, {
        contractId,
        contractNumber,
        at: now,
        entry: { kind: "KEY", key, reissue: false },
      });
      return 1;
    });
  }
  if (queued) log(`認証キーを封をした形式で D-Sure に登録し直す電子証書: ${queued} 件`);
  return queued;
}
