import "server-only";

/**
 * At most this many conclusions of one process hold a database connection at a time. Conclusions wait for each
 * other on the 年度's number lock anyway, so more of them would only sit on pooled connections (10 by default) that
 * page loads and other actions need, and the pool would start refusing requests after its connect timeout.
 */
export const CONCLUSION_SLOTS = 4;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `fn` once one of the process's conclusion slots is free (first come, first served). */
export async function runInConclusionSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= CONCLUSION_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await fn();
  } finally {
    // Hand the slot straight to the next waiter (running stays the same), or give it back.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
