import "server-only";
import { openSecret, sealSecret } from "@/lib/crypto/seal-secret";
import { AUTH_KEY_PATTERN } from "./constants";

/**
 * Encrypts a 認証キー for storage so the notice PDF can be downloaded again (AES-256-GCM, random 96-bit IV).
 * Result: `v1:<iv>:<ciphertext>:<tag>`, each part base64url; the version leaves room to rotate the scheme.
 */
export function encryptAuthKey(key: string, encKey: Uint8Array): string {
  if (encKey.length !== 32) throw new RangeError("auth key encryption key must be 32 bytes (AES-256)");
  if (!AUTH_KEY_PATTERN.test(key)) throw new RangeError("not a normalized 認証キー");
  return sealSecret(key, encKey);
}

/** Throws when the blob is malformed, was altered, or was sealed under another key: all are faults, not user errors. */
export function decryptAuthKey(blob: string, encKey: Uint8Array): string {
  if (encKey.length !== 32) throw new RangeError("auth key encryption key must be 32 bytes (AES-256)");
  const plain = openSecret(blob, encKey);
  if (!AUTH_KEY_PATTERN.test(plain)) throw new Error("decrypted auth key is malformed");
  return plain;
}
