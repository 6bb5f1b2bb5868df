import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/hash-token";

export type StaffSetupTokenCheck = { ok: true; staffId: string; name: string } | { ok: false };

/** For the back office's パスワードの設定 page: is the link of 「職員ID登録のお知らせ」 still usable? */
export async function checkStaffSetupToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<StaffSetupTokenCheck> {
  if (!token || token.length > 200) return { ok: false };
  const row = await db.passwordSetupToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, staffUser: { select: { staffId: true, name: true, active: true } } },
  });
  if (!row?.expiresAt || row.usedAt || row.expiresAt <= now || !row.staffUser?.active) return { ok: false };
  return { ok: true, staffId: row.staffUser.staffId, name: row.staffUser.name };
}
