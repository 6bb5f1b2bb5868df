import "server-only";
import type { Db } from "@/lib/db";
import { authKeyKeys } from "@/lib/env";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { isLegacyKeyVerifier, keyVerifierOf } from "@/lib/dsure/registration";
import { enqueueCertificateRegistration } from "./enqueue-certificate-registration";

/** The contracts whose newest KEY entry at D-Sure carries a verifier from before v2 (made with our secret). */
async function legacyKeyedContracts(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ contractId: string; verifier: string | null }[]>`
    SELECT DISTINCT ON ("contractId") "contractId"::text AS "contractId", "entry"->'data'->>'keyVerifier' AS "verifier"
    FROM "CertificateRegistration" WHERE "kind" = 'KEY' ORDER BY "contractId", "seq" DESC`;
  return rows.filter((r) => r.verifier !== null && isLegacyKeyVerifier(r.verifier)).map((r) => r.contractId);
}

/**
 * One-time step (db:migrate, and the dev server's start): the 認証キー in force of every certificate whose chain still
 * names it by a verifier made with our secret (v1) is registered again, the same key, with a v2 verifier that D-Sure can
 * check without any secret of ours. A KEY entry like any other (`reissue: false`: the key did not change), queued in a
 * transaction holding the contract's row lock, so it keeps its place in the chain. The key notice stays valid.
 * Returns how many were queued.
 */
export async function upgradeKeyVerifiers({ db, now = new Date(), log = () => {} }: { db: Db; now?: Date; log?: (line: string) => void }): Promise<number> {
  let queued = 0;
  for (const contractId of await legacyKeyedContracts(db)) {
    queued += await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ contractNumber: string }[]>`
        SELECT "contractNumber" FROM "GuaranteeContract" WHERE "id" = ${contractId}::uuid FOR UPDATE`;
      if (locked.length === 0) return 0;
      const newest = await tx.certificateRegistration.findFirst({ where: { contractId, kind: "KEY" }, orderBy: { seq: "desc" }, select: { entry: true } });
      const verifier = (newest?.entry as { data?: { keyVerifier?: string } } | null)?.data?.keyVerifier;
      if (!verifier || !isLegacyKeyVerifier(verifier)) return 0; // upgraded meanwhile
      const live = await tx.authKey.findFirst({ where: { contractId, revokedAt: null }, orderBy: { issuedAt: "desc" }, select: { ciphertext: true } });
      if (!live) return 0; // no key in force: nothing opens it, nothing to upgrade
      const { contractNumber } = locked[0]!;
      const key = decryptAuthKey(live.ciphertext, authKeyKeys().encryptionKey);
      await enqueueCertificateRegistration(tx, {
        contractId,
        contractNumber,
        at: now,
        entry: { kind: "KEY", data: { keyVerifier: keyVerifierOf({ key, contractNumber }), reissue: false } },
      });
      return 1;
    });
  }
  if (queued) log(`認証キーの照合値を新しい形式で D-Sure に登録し直す電子証書: ${queued} 件`);
  return queued;
}
