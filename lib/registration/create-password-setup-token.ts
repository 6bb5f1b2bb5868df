import "server-only";
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { hashSetupToken } from "./hash-setup-token";

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A single-use link to set the password: 32 random bytes (base64url) valid for 24 hours; the row keeps only its hash.
 * Returns the link for the mail. Call inside the transaction that sends the mail.
 */
export async function createPasswordSetupToken(
  tx: Db | Tx,
  { userId, now = new Date() }: { userId: string; now?: Date },
): Promise<{ setupUrl: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_TTL_MS);
  await tx.passwordSetupToken.create({ data: { userId, tokenHash: hashSetupToken(token), expiresAt } });
  const url = new URL("/enet/setup-password", env().PUBLIC_BASE_URL);
  url.searchParams.set("token", token);
  return { setupUrl: url.toString(), expiresAt };
}
