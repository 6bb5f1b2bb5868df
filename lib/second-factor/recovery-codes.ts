import "server-only";
import crypto from "node:crypto";
import { hashToken } from "@/lib/crypto/hash-token";
import { nfkc } from "@/lib/normalize";

/** Letters and digits a reader cannot confuse (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten single-use リカバリーコード, each ten characters (about 49 bits) shown as `XXXXX-XXXXX`. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: 全角, lower case, spaces and hyphens are forgiven. */
export function normalizeRecoveryCode(input: string): string {
  return nfkc(input).toUpperCase().replace(/[\s\-‐−ー]/g, "");
}

/** Only the SHA-256 of a recovery code is stored. */
export function hashRecoveryCode(input: string): string {
  return hashToken(normalizeRecoveryCode(input));
}
