import "server-only";
import type { Tx } from "@/lib/db";
import { authKeyKeys } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { encryptAuthKey } from "./encrypt-auth-key";
import { generateAuthKey } from "./generate-auth-key";
import { hashAuthKey } from "./hash-auth-key";
import { enqueueCertificateRegistration } from "@/lib/certificate/enqueue-certificate-registration";

/**
 * Issues a new 認証キー for a contract inside the caller's transaction (at conclusion, and again on 再発行): a fresh
 * 80-bit key from the CSPRNG, stored only as AES-256-GCM ciphertext (for the notice PDF) and a keyed HMAC (for
 * D-Sure). Every earlier key of the contract is revoked in the same transaction, so the old one stops working the
 * moment the new one exists. The plaintext is never returned, logged, audited or mailed: whoever needs it (the
 * notice PDF) decrypts the stored ciphertext. D-Sure's registration is queued in the same transaction: a KEY entry in
 * the certificate's chain carries the key sealed (sealKey: a salted commitment; D-Sure gets the opening), never the key.
 */
export async function issueAuthKey(
  tx: Tx,
  {
    contractId,
    issuedByStaffId = null,
    issuedByUserId = null,
    now = new Date(),
  }: { contractId: string; issuedByStaffId?: string | null; issuedByUserId?: string | null; now?: Date },
): Promise<{ id: string; issuedAt: Date; revokedKeyIds: string[]; registrationId: string }> {
  // Row lock: two concurrent reissues must not leave two live keys.
  const locked = await tx.$queryRaw<{ contractNumber: string }[]>`
    SELECT "contractNumber" FROM "GuaranteeContract" WHERE "id" = ${contractId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new DomainError("NOT_FOUND", { contractId });
  const { contractNumber } = locked[0]!;

  const live = await tx.authKey.findMany({ where: { contractId, revokedAt: null }, select: { id: true } });
  if (live.length > 0) {
    await tx.authKey.updateMany({ where: { id: { in: live.map((k) => k.id) } }, data: { revokedAt: now } });
  }

  const { encryptionKey, hmacKey } = authKeyKeys();
  const key = generateAuthKey();
  const row = await tx.authKey.create({
    data: {
      contractId,
      ciphertext: encryptAuthKey(key, encryptionKey),
      keyHash: hashAuthKey(key, hmacKey),
      issuedAt: now,
      issuedByStaffId,
      issuedByUserId,
    },
    select: { id: true, issuedAt: true },
  });
  // D-Sure learns the key in force from the certificate's chain: the verifier, bound to this certificate.
  const registration = await enqueueCertificateRegistration(tx, {
    contractId,
    contractNumber,
    at: now,
    entry: { kind: "KEY", key, reissue: live.length > 0 },
  });
  return { id: row.id, issuedAt: row.issuedAt, revokedKeyIds: live.map((k) => k.id), registrationId: registration.id };
}
