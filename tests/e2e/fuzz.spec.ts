/**
 * Fuzzing the public HTTP entry points of the production build with fast-check: the D-Sure JSON API (any body, any
 * content type), the D-Sure page's ?no= prefill and the password-setup link's token. Never a 5xx.
 */
import fc from "fast-check";
import { expect, test } from "./support/test";

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom("２０２４－０００１２３４－０", "\u0000\u001f\u007f", "𠮷", "%00", "../../etc/passwd", "a".repeat(5000)),
);
const json = fc.oneof(
  fc.record({ contractNumber: fc.oneof(text, fc.integer(), fc.constant(null)), authKey: fc.oneof(text, fc.double(), fc.boolean()) }, { requiredKeys: [] }),
  fc.jsonValue(),
);

test("the D-Sure API answers every generated request with a 4xx or 200, never a 5xx", async ({ request }) => {
  test.setTimeout(180_000);
  let i = 0;
  await fc.assert(
    fc.asyncProperty(fc.oneof(json.map((v) => JSON.stringify(v)), text), fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"), async (body, type) => {
      i++;
      // A client address per request, so the per-address throttle does not turn every later answer into 429.
      const res = await request.post("/api/dsure/v1/lookup", {
        data: body,
        headers: { "content-type": type, "x-forwarded-for": `198.51.100.${i % 250}` },
      });
      expect(res.status(), body.slice(0, 80)).toBeLessThan(500);
      expect([200, 400, 404, 413, 415, 422, 429]).toContain(res.status());
    }),
    { numRuns: 400 },
  );
});

test("GET pages that read the query string never fail", async ({ request }) => {
  test.setTimeout(120_000);
  await fc.assert(
    fc.asyncProperty(text, async (q) => {
      for (const url of [`/dsure?no=${encodeURIComponent(q)}`, `/enet/setup-password?token=${encodeURIComponent(q)}`]) {
        const res = await request.get(url);
        expect(res.status(), url.slice(0, 80)).toBeLessThan(500);
      }
    }),
    { numRuns: 150 },
  );
});
