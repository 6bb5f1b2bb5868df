import "server-only";
import crypto from "node:crypto";
import { AUTH_KEY_PATTERN } from "./constants";
import { normalizeAuthKeyInput } from "./normalize-auth-key-input";

/** Keyed hash stored beside the ciphertext: D-Sure checks what an orderer typed without decrypting anything. */
export function hashAuthKey(key: string, hmacKey: Uint8Array): string {
  if (!AUTH_KEY_PATTERN.test(key)) throw new RangeError("not a normalized 認証キー");
  // A short HMAC key would let someone holding the table brute-force 80-bit keys offline more cheaply than the keys.
  if (hmacKey.length < 32) throw new RangeError("auth key HMAC key must be at least 32 bytes");
  return crypto.createHmac("sha256", hmacKey).update(key, "utf8").digest("hex");
}

/**
 * Whether `candidate` (raw input is fine: it is normalized here) is the key behind `storedHashHex`.
 * The comparison runs in constant time; malformed input or a malformed stored hash is simply false.
 */
export function verifyAuthKey(candidate: string, storedHashHex: string, hmacKey: Uint8Array): boolean {
  const key = normalizeAuthKeyInput(candidate);
  if (key === null) return false;
  return authKeyHashesEqual(hashAuthKey(key, hmacKey), storedHashHex);
}

/** Whether two keyed hashes (hex, as hashAuthKey makes them) are the same, in constant time; malformed is false. */
export function authKeyHashesEqual(hashHex: string, storedHashHex: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hashHex) || !/^[0-9a-f]{64}$/i.test(storedHashHex)) return false;
  return crypto.timingSafeEqual(Buffer.from(hashHex, "hex"), Buffer.from(storedHashHex, "hex"));
}
