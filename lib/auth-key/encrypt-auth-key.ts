import "server-only";
import crypto from "node:crypto";
import { AUTH_KEY_PATTERN } from "./constants";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function assertKey(encKey: Uint8Array): void {
  if (encKey.length !== 32) throw new RangeError("auth key encryption key must be 32 bytes (AES-256)");
}

/**
 * Encrypts a 認証キー for storage so the notice PDF can be downloaded again (AES-256-GCM, random 96-bit IV).
 * Result: `v1:<iv>:<ciphertext>:<tag>`, each part base64url; the version leaves room to rotate the scheme.
 */
export function encryptAuthKey(key: string, encKey: Uint8Array): string {
  assertKey(encKey);
  if (!AUTH_KEY_PATTERN.test(key)) throw new RangeError("not a normalized 認証キー");
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(key, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, ...[iv, ciphertext, tag].map((part) => part.toString("base64url"))].join(":");
}

/** Throws when the blob is malformed, was altered, or was sealed under another key: all are faults, not user errors. */
export function decryptAuthKey(blob: string, encKey: Uint8Array): string {
  assertKey(encKey);
  const parts = blob.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("unrecognised auth key ciphertext");
  const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("unrecognised auth key ciphertext");
  // authTagLength pins the tag size so a truncated tag cannot be accepted.
  const decipher = crypto.createDecipheriv("aes-256-gcm", encKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  let plain: string;
  try {
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("auth key ciphertext failed authentication");
  }
  if (!AUTH_KEY_PATTERN.test(plain)) throw new Error("decrypted auth key is malformed");
  return plain;
}
