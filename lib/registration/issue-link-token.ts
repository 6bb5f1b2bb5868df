import "server-only";
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import { PASSWORD_LINK_TTL_MS } from "./create-password-setup-token";
import { hashToken } from "@/lib/crypto/hash-token";

/**
 * Makes the token of a password link as its mail goes out (32 random bytes, base64url): the row keeps its SHA-256
 * and an end counted from now. A mail sent again (a retry, 再送) gets a new token, and the one before stops working.
 * A link already used stays used: the token returned then opens nothing.
 */
export async function issueLinkToken(db: Db | Tx, { tokenId, now = new Date() }: { tokenId: string; now?: Date }): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const row = await db.passwordSetupToken.findUnique({ where: { id: tokenId }, select: { purpose: true } });
  if (row) {
    await db.passwordSetupToken.updateMany({
      where: { id: tokenId, usedAt: null },
      data: { tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + PASSWORD_LINK_TTL_MS[row.purpose]) },
    });
  }
  return token;
}
