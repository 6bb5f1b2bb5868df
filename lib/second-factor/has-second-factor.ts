import "server-only";
import { db } from "@/lib/db";

/** Whether a staff member has confirmed 二段階認証 (then every login asks for the 確認コード). */
export async function hasSecondFactor(staffUserId: string): Promise<boolean> {
  const row = await db.staffUser.findUnique({ where: { id: staffUserId }, select: { totpEnabledAt: true } });
  return Boolean(row?.totpEnabledAt);
}
