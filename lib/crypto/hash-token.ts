import "server-only";
import crypto from "node:crypto";

/**
 * Only the SHA-256 (hex) of a random token is stored: password links, the login's 確認コード step. The token itself
 * exists in the mail or the cookie alone.
 */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}
