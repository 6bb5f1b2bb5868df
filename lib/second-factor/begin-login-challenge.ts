import "server-only";
import crypto from "node:crypto";
import { hashToken } from "@/lib/crypto/hash-token";
import { db } from "@/lib/db";

export const LOGIN_CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * After the right password of a staff member with 二段階認証: the step that waits for the 確認コード. Returns the
 * token for the browser's cookie; the row keeps its hash. The staff member's earlier open steps end with it.
 */
export async function beginLoginChallenge({ staffUserId, clientIp, now = new Date() }: { staffUserId: string; clientIp: string; now?: Date }): Promise<{ token: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.$transaction([
    db.staffLoginChallenge.updateMany({ where: { staffUserId, usedAt: null }, data: { usedAt: now } }),
    db.staffLoginChallenge.create({
      data: { staffUserId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + LOGIN_CHALLENGE_TTL_MS), clientIp },
    }),
  ]);
  return { token };
}
