import "server-only";
import crypto from "node:crypto";

/** Only the SHA-256 of a password-setup token is stored; the token itself exists in the mailed link alone. */
export function hashSetupToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}
