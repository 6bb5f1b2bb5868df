/** How long the outbox waits before trying a mail again. */
export interface RetryPolicy {
  /** Delay after the first failure; it doubles with each further failure. */
  baseMs: number;
  /** Upper bound of the delay (before jitter). */
  maxMs: number;
}

/** 30 s, 1 min, 2 min … up to 1 h: eight attempts (the outbox default) span about an hour. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 };

/**
 * Exponential backoff with ±20 % jitter, so instances that failed together do not retry together:
 * base × 2^(attempts−1), capped at maxMs. `attempts` counts the failed attempts so far (≥ 1).
 */
export function computeRetryDelay(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  return Math.round(delay * (0.8 + 0.4 * random()));
}
