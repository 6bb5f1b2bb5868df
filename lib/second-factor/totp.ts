import crypto from "node:crypto";

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226), and the Base32 (RFC 4648) that authenticator apps read secrets in. Pure:
 * no database, no server-only import, so the tests (and an e2e run that reads a QR code) compute codes with it.
 */
export type TotpAlgorithm = "sha1" | "sha256" | "sha512";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Reads Base32 as apps print it: any case, spaces and padding ignored. Throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) throw new RangeError("not Base32");
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226 §5.3): HMAC of the 8-byte counter, dynamically truncated to `digits` decimal digits. */
export function hotp(secret: Uint8Array, counter: number, { digits = TOTP_DIGITS, algorithm = "sha1" as TotpAlgorithm } = {}): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm, secret).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The 30-second step a moment falls in (RFC 6238 T with T0 = 0). */
export function totpStepAt(epochSeconds: number): number {
  return Math.floor(epochSeconds / TOTP_PERIOD_SECONDS);
}

/** The code of a moment (RFC 6238). */
export function totpCode(secret: Uint8Array, epochSeconds: number, options: { digits?: number; algorithm?: TotpAlgorithm } = {}): string {
  return hotp(secret, totpStepAt(epochSeconds), options);
}

/**
 * The step whose code `code` is, among the current one and one either side (a phone clock a little off), and only
 * a step after `afterStep` (the last accepted): a code is accepted once. Null when none matches. Compared in
 * constant time.
 */
export function matchTotpStep({ secret, code, epochSeconds, afterStep }: { secret: Uint8Array; code: string; epochSeconds: number; afterStep: number | null }): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStepAt(epochSeconds);
  for (const step of [now - 1, now, now + 1]) {
    if (afterStep !== null && step <= afterStep) continue;
    if (crypto.timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code))) return step;
  }
  return null;
}

/** The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format). */
export function otpauthUri({ secret, issuer, account }: { secret: string; issuer: string; account: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}
