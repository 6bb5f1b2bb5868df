import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CROCKFORD_ALPHABET } from "@/lib/auth-key/constants";
import { decryptAuthKey, encryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { formatAuthKey } from "@/lib/auth-key/format-auth-key";
import { generateAuthKey } from "@/lib/auth-key/generate-auth-key";
import { authKeyHashesEqual, hashAuthKey, verifyAuthKey } from "@/lib/auth-key/hash-auth-key";
import { normalizeAuthKeyInput } from "@/lib/auth-key/normalize-auth-key-input";

const ENC_KEY = crypto.createHash("sha256").update("test encryption key").digest();
const HMAC_KEY = crypto.createHash("sha256").update("test hmac key").digest();

afterEach(() => vi.restoreAllMocks());

/** Independent reference: 80-bit big-endian number in base 32, mapped onto Crockford's alphabet. */
function referenceEncode(bytes: Buffer): string {
  const n = BigInt(`0x${bytes.toString("hex")}`);
  return n
    .toString(32)
    .padStart(16, "0")
    .split("")
    .map((c) => CROCKFORD_ALPHABET[parseInt(c, 32)])
    .join("");
}

describe("generateAuthKey", () => {
  it("draws exactly 10 bytes (80 bits) from crypto.randomBytes", () => {
    const spy = vi.spyOn(crypto, "randomBytes");
    generateAuthKey();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith(10);
  });

  it.each([
    Buffer.alloc(10, 0x00),
    Buffer.alloc(10, 0xff),
    Buffer.from("0123456789abcdef0123", "hex"),
    Buffer.from("8000000000000000000a", "hex"),
  ])("encodes every bit of %s", (bytes) => {
    vi.spyOn(crypto, "randomBytes").mockImplementationOnce((() => Buffer.from(bytes)) as never);
    expect(generateAuthKey()).toBe(referenceEncode(bytes));
  });

  it("encodes all-zero and all-one bytes at the ends of the alphabet", () => {
    vi.spyOn(crypto, "randomBytes").mockImplementationOnce((() => Buffer.alloc(10, 0)) as never);
    expect(generateAuthKey()).toBe("0000000000000000");
    vi.spyOn(crypto, "randomBytes").mockImplementationOnce((() => Buffer.alloc(10, 0xff)) as never);
    expect(generateAuthKey()).toBe("ZZZZZZZZZZZZZZZZ");
  });

  it("gives 16 Crockford characters, all distinct over 10,000 keys, with every bit and symbol evenly used", () => {
    const keys = Array.from({ length: 10_000 }, generateAuthKey);
    expect(new Set(keys).size).toBe(keys.length);
    const symbolCounts = new Map<string, number>();
    const bitCounts = new Array(80).fill(0);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      for (const [pos, ch] of [...key].entries()) {
        symbolCounts.set(ch, (symbolCounts.get(ch) ?? 0) + 1);
        const v = CROCKFORD_ALPHABET.indexOf(ch);
        for (let b = 0; b < 5; b++) if ((v >> (4 - b)) & 1) bitCounts[pos * 5 + b]++;
      }
    }
    // 160,000 symbols over 32 values: 5,000 each, σ ≈ 70. Each bit: 5,000 of 10,000, σ = 50.
    expect(symbolCounts.size).toBe(32);
    const outliers = [...symbolCounts.values(), ...bitCounts].filter((count) => count < 4_500 || count > 5_500);
    expect(outliers).toEqual([]);
  });
});

describe("formatAuthKey", () => {
  it("groups the key in fours", () => {
    expect(formatAuthKey("ABCDEFGHJKMNPQRS")).toBe("ABCD-EFGH-JKMN-PQRS");
  });

  it("refuses anything but a normalized key", () => {
    expect(() => formatAuthKey("abcdefghjkmnpqrs")).toThrow(RangeError);
    expect(() => formatAuthKey("ABCD-EFGH-JKMN-PQRS")).toThrow(RangeError);
    expect(() => formatAuthKey("ABCDEFGHJKMNPQR")).toThrow(RangeError);
  });
});

describe("normalizeAuthKeyInput", () => {
  it.each([
    ["canonical", "ABCDEFGHJKMNPQRS"],
    ["grouped", "ABCD-EFGH-JKMN-PQRS"],
    ["lower case with spaces", " abcd efgh jkmn pqrs "],
    ["full-width letters and hyphens", "ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ－ＰＱＲＳ"],
    ["ideographic spaces", "ABCD\u3000EFGH\u3000JKMN\u3000PQRS"],
    ["long vowel marks as hyphens", "ABCDーEFGHーJKMNーPQRS"],
    ["minus signs and dashes", "ABCD−EFGH–JKMN—PQRS"],
    ["tabs and newlines from a paste", "ABCD\tEFGH\nJKMN\r\nPQRS"],
  ])("reads %s", (_name, input) => {
    expect(normalizeAuthKeyInput(input)).toBe("ABCDEFGHJKMNPQRS");
  });

  it("reads I and L as 1 and O as 0, in either case and width", () => {
    expect(normalizeAuthKeyInput("IiLl-Oo00-1111-2222")).toBe("1111000011112222");
    expect(normalizeAuthKeyInput("ＩＬＯｏ-0000-0000-0000")).toBe("1100000000000000");
  });

  it.each([
    ["too short", "ABCD-EFGH-JKMN-PQR"],
    ["too long", "ABCD-EFGH-JKMN-PQRST"],
    ["U is not Crockford", "ABCD-EFGH-JKMN-PQRU"],
    ["punctuation", "ABCD.EFGH.JKMN.PQRS"],
    ["empty", ""],
    ["Japanese text", "認証キーABCDEFGHJKMN"],
  ])("returns null when %s", (_name, input) => {
    expect(normalizeAuthKeyInput(input)).toBeNull();
  });

  it("is idempotent and agrees with formatAuthKey", () => {
    const key = generateAuthKey();
    expect(normalizeAuthKeyInput(key)).toBe(key);
    expect(normalizeAuthKeyInput(formatAuthKey(key))).toBe(key);
  });
});

describe("encryptAuthKey / decryptAuthKey", () => {
  it("round-trips, with a fresh IV every time", () => {
    const key = generateAuthKey();
    const a = encryptAuthKey(key, ENC_KEY);
    const b = encryptAuthKey(key, ENC_KEY);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(key);
    expect(decryptAuthKey(a, ENC_KEY)).toBe(key);
    expect(decryptAuthKey(b, ENC_KEY)).toBe(key);
  });

  it("uses a 12-byte IV and a 16-byte tag", () => {
    const [, iv, ciphertext, tag] = encryptAuthKey(generateAuthKey(), ENC_KEY).split(":");
    expect(Buffer.from(iv, "base64url")).toHaveLength(12);
    expect(Buffer.from(ciphertext, "base64url")).toHaveLength(16);
    expect(Buffer.from(tag, "base64url")).toHaveLength(16);
  });

  const flip = (b64: string, index: number) => {
    const buf = Buffer.from(b64, "base64url");
    buf[index] ^= 0x01;
    return buf.toString("base64url");
  };

  it.each([1, 2, 3])("fails when part %i (iv, ciphertext, tag) is altered by one bit", (part) => {
    const parts = encryptAuthKey(generateAuthKey(), ENC_KEY).split(":");
    parts[part] = flip(parts[part], 0);
    expect(() => decryptAuthKey(parts.join(":"), ENC_KEY)).toThrow();
  });

  it("fails under another key, a wrong version, or a malformed blob", () => {
    const blob = encryptAuthKey(generateAuthKey(), ENC_KEY);
    expect(() => decryptAuthKey(blob, HMAC_KEY)).toThrow(/authentication/);
    expect(() => decryptAuthKey(blob.replace(/^v1/, "v2"), ENC_KEY)).toThrow();
    expect(() => decryptAuthKey("v1:abc", ENC_KEY)).toThrow();
    const [v, iv, ct, tag] = blob.split(":");
    expect(() => decryptAuthKey([v, iv, ct, tag.slice(0, 10)].join(":"), ENC_KEY)).toThrow();
  });

  it("insists on a 32-byte key and a normalized auth key", () => {
    expect(() => encryptAuthKey(generateAuthKey(), ENC_KEY.subarray(0, 16))).toThrow(RangeError);
    expect(() => encryptAuthKey("abcd-efgh", ENC_KEY)).toThrow(RangeError);
  });
});

describe("hashAuthKey / verifyAuthKey", () => {
  const key = "ABCDEFGHJKMNPQRS";
  const stored = hashAuthKey(key, HMAC_KEY);

  it("stores a hex HMAC-SHA-256 that depends on the HMAC key", () => {
    expect(stored).toBe(crypto.createHmac("sha256", HMAC_KEY).update(key).digest("hex"));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuthKey(key, ENC_KEY)).not.toBe(stored);
  });

  it("accepts the key however the orderer typed it", () => {
    expect(verifyAuthKey(key, stored, HMAC_KEY)).toBe(true);
    expect(verifyAuthKey("abcd-efgh-jkmn-pqrs", stored, HMAC_KEY)).toBe(true);
    expect(verifyAuthKey("ＡＢＣＤ　ＥＦＧＨ　ＪＫＭＮ　ＰＱＲＳ", stored, HMAC_KEY)).toBe(true);
  });

  it("rejects a wrong key, a wrong HMAC key, and garbage", () => {
    expect(verifyAuthKey("ABCDEFGHJKMNPQRT", stored, HMAC_KEY)).toBe(false);
    expect(verifyAuthKey(key, stored, ENC_KEY)).toBe(false);
    expect(verifyAuthKey("", stored, HMAC_KEY)).toBe(false);
    expect(verifyAuthKey("not a key at all", stored, HMAC_KEY)).toBe(false);
  });

  it("returns false, without throwing, for a stored hash of the wrong length or shape", () => {
    expect(verifyAuthKey(key, stored.slice(0, 62), HMAC_KEY)).toBe(false);
    expect(verifyAuthKey(key, stored + "00", HMAC_KEY)).toBe(false);
    expect(verifyAuthKey(key, "", HMAC_KEY)).toBe(false);
    expect(verifyAuthKey(key, "zz".repeat(32), HMAC_KEY)).toBe(false);
  });

  it("compares digests with crypto.timingSafeEqual", () => {
    const spy = vi.spyOn(crypto, "timingSafeEqual");
    expect(verifyAuthKey(key, stored, HMAC_KEY)).toBe(true);
    expect(verifyAuthKey("ABCDEFGHJKMNPQRT", stored, HMAC_KEY)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
  });

  it("compares two keyed hashes (as the D-Sure look-up does with the typed key's) in constant time, either case", () => {
    const spy = vi.spyOn(crypto, "timingSafeEqual");
    expect(authKeyHashesEqual(hashAuthKey(key, HMAC_KEY), stored)).toBe(true);
    expect(authKeyHashesEqual(hashAuthKey(key, HMAC_KEY), stored.toUpperCase())).toBe(true);
    expect(authKeyHashesEqual(hashAuthKey("ABCDEFGHJKMNPQRT", HMAC_KEY), stored)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3);
    for (const bad of ["", stored.slice(0, 62), stored + "00", "zz".repeat(32)]) {
      expect(authKeyHashesEqual(bad, stored)).toBe(false);
      expect(authKeyHashesEqual(stored, bad)).toBe(false);
    }
  });

  it("refuses a short HMAC key and an unnormalized key when hashing", () => {
    expect(() => hashAuthKey(key, Buffer.alloc(16))).toThrow(RangeError);
    expect(() => hashAuthKey("abcd-efgh-jkmn-pqrs", HMAC_KEY)).toThrow(RangeError);
  });
});
