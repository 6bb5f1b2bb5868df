import { AUTH_KEY_PATTERN } from "./constants";

// Hyphen look-alikes that survive NFKC (IME long-vowel mark, minus sign, dashes).
const SEPARATORS = /[\s\-ー−‐‑‒–—―]/g;

/**
 * Turns what an orderer typed or pasted into the canonical 16-character key, or null.
 * Accepts full-width characters, lower case, spaces and hyphens anywhere, and Crockford's look-alikes
 * (I and L read as 1, O as 0).
 */
export function normalizeAuthKeyInput(input: string): string | null {
  const key = input
    .normalize("NFKC")
    .replace(SEPARATORS, "")
    .toUpperCase()
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  return AUTH_KEY_PATTERN.test(key) ? key : null;
}
