import { describe, expect, it } from "vitest";
import { computeRetryDelay, DEFAULT_RETRY_POLICY } from "@/lib/mail/compute-retry-delay";
import { describeSendError } from "@/lib/mail/dispatch-due-mails";

describe("computeRetryDelay", () => {
  const policy = { baseMs: 30_000, maxMs: 3_600_000 };

  it("doubles from the base with each failure: 30 s, 1 min, 2 min, 4 min … (no jitter at the midpoint)", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => computeRetryDelay(n, policy, mid))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it("never exceeds the cap (plus jitter), however many attempts", () => {
    for (const n of [8, 12, 30, 100, 10_000]) {
      expect(computeRetryDelay(n, policy, () => 0.5)).toBe(3_600_000);
      expect(computeRetryDelay(n, policy, () => 0.999)).toBeLessThanOrEqual(3_600_000 * 1.2);
    }
  });

  it("spreads retries by ±20 %, so a delay after more failures is always longer below the cap", () => {
    expect(computeRetryDelay(1, policy, () => 0)).toBe(24_000);
    expect(computeRetryDelay(1, policy, () => 1)).toBe(36_000);
    for (let n = 1; n < 6; n++) expect(computeRetryDelay(n + 1, policy, () => 0)).toBeGreaterThan(computeRetryDelay(n, policy, () => 1));
  });

  it("defaults to 30 s doubling up to one hour", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ baseMs: 30_000, maxMs: 3_600_000 });
  });
});

describe("describeSendError (what lastError and the log keep)", () => {
  it("keeps the kind, the SMTP code and the message", () => {
    const e = Object.assign(new Error("Mailbox unavailable"), { code: "EENVELOPE", responseCode: 550 });
    expect(describeSendError(e)).toBe("EENVELOPE (SMTP 550): Mailbox unavailable");
  });

  it("drops credentials of any URL and SMTP AUTH arguments", () => {
    const e = new Error("cannot reach smtps://mailer:s3cret-pass@smtp.example.jp:465 after AUTH PLAIN AGJvYgBzM2NyZXQ=");
    const s = describeSendError(e);
    expect(s).not.toContain("s3cret");
    expect(s).not.toContain("AGJvYgBzM2NyZXQ=");
    expect(s).toContain("smtps://***@smtp.example.jp:465");
  });

  it("is short", () => {
    expect(describeSendError(new Error("x".repeat(5_000))).length).toBeLessThanOrEqual(500);
  });
});
