import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/hash-token";

export type PasswordSetupTokenCheck =
  | { ok: true; customerId: string; userName: string; companyName: string; expiresAt: Date }
  | { ok: false };

/** For the page behind the mailed link: is the link still usable (unused, unexpired, account active)? */
export async function checkPasswordSetupToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<PasswordSetupTokenCheck> {
  if (!token || token.length > 200) return { ok: false };
  const row = await db.passwordSetupToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      usedAt: true,
      expiresAt: true,
      user: { select: { customerId: true, name: true, active: true, company: { select: { name: true } } } },
    },
  });
  if (!row?.expiresAt || row.usedAt || row.expiresAt <= now || !row.user?.active) return { ok: false }; // also a staff link
  return {
    ok: true,
    customerId: row.user.customerId,
    userName: row.user.name,
    companyName: row.user.company.name,
    expiresAt: row.expiresAt,
  };
}
