import "server-only";
import crypto from "node:crypto";
import { openSecret, sealSecret } from "@/lib/crypto/seal-secret";
import { db } from "@/lib/db";
import { env, secondFactorKey } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { base32Encode, otpauthUri } from "./totp";

export type TotpEnrolment = { enrolled: true } | { enrolled: false; secret: string; uri: string };

/**
 * The 二段階認証の設定 page's first step: a new secret (160 bits) for the authenticator app, kept sealed as pending
 * until a code confirms it. The same pending secret is shown again on a reload, so a QR code already scanned still
 * works. Nothing to do for a staff member already enrolled.
 */
export async function startTotpEnrolment({ staffUserId }: { staffUserId: string }): Promise<TotpEnrolment> {
  const staff = await db.staffUser.findUnique({
    where: { id: staffUserId },
    select: { staffId: true, active: true, totpEnabledAt: true, totpPendingSecret: true },
  });
  if (!staff?.active) throw new DomainError("UNAUTHENTICATED");
  if (staff.totpEnabledAt) return { enrolled: true };
  const key = secondFactorKey();
  let secret = staff.totpPendingSecret ? openSecret(staff.totpPendingSecret, key) : null;
  if (!secret) {
    const fresh = base32Encode(crypto.randomBytes(20));
    // Two tabs at once: the first pending secret wins and both show it.
    await db.staffUser.updateMany({ where: { id: staffUserId, totpPendingSecret: null }, data: { totpPendingSecret: sealSecret(fresh, key) } });
    const held = await db.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { totpPendingSecret: true } });
    secret = openSecret(held.totpPendingSecret!, key);
  }
  return { enrolled: false, secret, uri: otpauthUri({ secret, issuer: env().SURETY_NAME, account: staff.staffId }) };
}
