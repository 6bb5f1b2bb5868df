import "server-only";
import crypto from "node:crypto";
import { AUTH_KEY_BYTES, CROCKFORD_ALPHABET } from "./constants";

/**
 * A fresh 認証キー: 16 Crockford base32 characters carrying exactly 80 random bits. `bytes` (10 of them) replaces the
 * CSPRNG only where a key must be reproducible (demo data).
 */
export function generateAuthKey({ bytes = crypto.randomBytes(AUTH_KEY_BYTES) }: { bytes?: Uint8Array } = {}): string {
  if (bytes.length !== AUTH_KEY_BYTES) throw new Error(`an auth key is made of ${AUTH_KEY_BYTES} bytes`);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let key = "";
  for (let shift = 75n; shift >= 0n; shift -= 5n) key += CROCKFORD_ALPHABET[Number((bits >> shift) & 31n)];
  return key;
}
