/**
 * The e2e tier's `test`: Playwright's, with one automatic fixture that fails a test when any page it opened — in the
 * default context or in one made with `browser.newContext()` / `browser.newPage()` — logged a warning or an error to
 * the browser console, or threw an uncaught error. React's development warnings (a missing `key` …) and hydration
 * errors land there, so the next one is caught. A test that provokes one on purpose (a 404 it asks for) says so with
 * `consoleGuard.allow(/pattern/)`.
 */
import { test as base, expect, type BrowserContext } from "@playwright/test";

export * from "@playwright/test";

export type ConsoleGuard = {
  /** Lets messages matching `pattern` pass in this test (matched against `type: text (url)`). */
  allow(pattern: RegExp): void;
};

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ browser, context }, provide) => {
      const seen: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (ctx: BrowserContext) => {
        ctx.on("console", (m) => {
          if (m.type() === "error" || m.type() === "warning") seen.push(`${m.type()}: ${m.text()} (${m.location().url})`);
        });
        ctx.on("weberror", (e) => seen.push(`uncaught: ${e.error().message}`));
      };
      watch(context);
      // browser.newPage() makes its context through newContext(), so this covers both.
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const ctx = await newContext.apply(browser, args);
        watch(ctx);
        return ctx;
      };
      try {
        await provide({ allow: (pattern) => void allowed.push(pattern) });
      } finally {
        browser.newContext = newContext;
      }
      const unexpected = seen.filter((line) => !allowed.some((p) => p.test(line)));
      expect(unexpected, "the browser console should stay clean (no warning, no error)").toEqual([]);
    },
    { auto: true },
  ],
});
