import "server-only";
import crypto from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function assertKey(key: Uint8Array): void {
  if (key.length !== 32) throw new RangeError("a sealing key must be 32 bytes (AES-256)");
}

/**
 * Seals a secret for storage (AES-256-GCM, random 96-bit IV): `v1:<iv>:<ciphertext>:<tag>`, each part base64url.
 * Used for the 認証キー and the staff's TOTP secrets, each under its own derived key.
 */
export function sealSecret(plain: string, key: Uint8Array): string {
  assertKey(key);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, ...[iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url"))].join(":");
}

/** Throws when the blob is malformed, was altered, or was sealed under another key: all are faults, not user errors. */
export function openSecret(blob: string, key: Uint8Array): string {
  assertKey(key);
  const parts = blob.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("unrecognised sealed secret");
  const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("unrecognised sealed secret");
  // authTagLength pins the tag size so a truncated tag cannot be accepted.
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("sealed secret failed authentication");
  }
}
