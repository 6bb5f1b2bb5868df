import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotpStep, otpauthUri, totpCode, totpStepAt } from "@/lib/second-factor/totp";

// RFC 6238 Appendix B: the seeds and the 8-digit codes for each time and algorithm.
const SEEDS = {
  sha1: Buffer.from("12345678901234567890"),
  sha256: Buffer.from("12345678901234567890123456789012"),
  sha512: Buffer.from("1234567890123456789012345678901234567890123456789012345678901234"),
} as const;
const VECTORS: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(VECTORS)("the test vectors at T=%i", (time, sha1, sha256, sha512) => {
    expect(totpCode(SEEDS.sha1, time, { digits: 8, algorithm: "sha1" })).toBe(sha1);
    expect(totpCode(SEEDS.sha256, time, { digits: 8, algorithm: "sha256" })).toBe(sha256);
    expect(totpCode(SEEDS.sha512, time, { digits: 8, algorithm: "sha512" })).toBe(sha512);
  });

  it("HOTP's test vectors (RFC 4226 Appendix D)", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, i) => hotp(SEEDS.sha1, i))).toEqual(expected);
  });

  it("Base32 round-trips and reads what apps print", () => {
    expect(base32Encode(Buffer.from("12345678901234567890"))).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").toString()).toBe("12345678901234567890");
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(() => base32Decode("ABC1")).toThrow();
  });

  it("accepts a code of the current step or one either side, and only after the last accepted step", () => {
    const t = 1_800_000_015;
    const now = totpStepAt(t);
    const code = (step: number) => hotp(SEEDS.sha1, step);
    expect(matchTotpStep({ secret: SEEDS.sha1, code: code(now), epochSeconds: t, afterStep: null })).toBe(now);
    expect(matchTotpStep({ secret: SEEDS.sha1, code: code(now - 1), epochSeconds: t, afterStep: null })).toBe(now - 1);
    expect(matchTotpStep({ secret: SEEDS.sha1, code: code(now + 1), epochSeconds: t, afterStep: null })).toBe(now + 1);
    expect(matchTotpStep({ secret: SEEDS.sha1, code: code(now - 2), epochSeconds: t, afterStep: null })).toBeNull();
    expect(matchTotpStep({ secret: SEEDS.sha1, code: code(now), epochSeconds: t, afterStep: now })).toBeNull(); // used once
    expect(matchTotpStep({ secret: SEEDS.sha1, code: "12345", epochSeconds: t, afterStep: null })).toBeNull();
  });

  it("builds the otpauth URI an app reads", () => {
    const uri = otpauthUri({ secret: "JBSWY3DPEHPK3PXP", issuer: "電子保証", account: "staff-shonin" });
    expect(uri.startsWith("otpauth://totp/")).toBe(true);
    const parsed = new URL(uri);
    expect(parsed.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(decodeURIComponent(parsed.pathname)).toContain("電子保証:staff-shonin");
  });
});
