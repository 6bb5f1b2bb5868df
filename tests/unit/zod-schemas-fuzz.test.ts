/**
 * Every zod schema at the edge (every `export const Z…Schema` under lib/) against thousands of generated inputs —
 * 全角 text, control characters, huge numbers, long strings, wrong types: safeParse always answers (success or a
 * message), never throws. A new schema file is picked up automatically.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";

const LIB = path.resolve(__dirname, "../../lib");

function schemaFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : schemaFiles(p);
    return /\.ts$/.test(e.name) && /^export const Z\w*Schema\b/m.test(fs.readFileSync(p, "utf8")) ? [p] : [];
  });
}

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("１２，３４０，０００円", "２０２４－１２－０１", "ｄｅｍｏ－ｋｅｎｓｅｔｓｕ", "\u0000\u0007\u001b[31m", "\u202e逆", "𠮷野家", "'; DROP TABLE x;--", "<script>alert(1)</script>"),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.bigInt().map((b) => b.toString()),
  fc.constantFrom("1e308", "-0", "NaN", "Infinity", "99999999999999999999999", "0x10", "1,0,0"),
  fc.double().map(String),
);
const anyValue = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(nasty, { maxLength: 3 }));

describe("zod schemas never throw on hostile input", async () => {
  const files = schemaFiles();
  it("finds the schema modules", () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, schema] of Object.entries(mod)) {
      if (!/^Z\w*Schema$/.test(name) || typeof (schema as z.ZodType)?.safeParse !== "function") continue;
      const s = schema as z.ZodType;
      const shape = (s as unknown as { shape?: Record<string, unknown> }).shape;
      const keys = shape ? Object.keys(shape) : [];
      it(`${path.relative(LIB, file)} ${name}`, () => {
        const objects = keys.length ? fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] }) : fc.dictionary(fc.string({ maxLength: 10 }), anyValue);
        fc.assert(
          fc.property(fc.oneof(objects, anyValue), (input) => {
            const r = s.safeParse(input);
            expect(typeof r.success).toBe("boolean");
            if (!r.success) expect(r.error.issues.length).toBeGreaterThan(0);
          }),
          { numRuns: 400 },
        );
      });
    }
  }
});
