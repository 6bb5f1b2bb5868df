import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

it("the application has no path that updates or deletes audit log rows", () => {
  const offenders = [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "app"))].filter((file) => {
    const text = fs.readFileSync(file, "utf8");
    return /auditLog\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/.test(text) || /(UPDATE|DELETE\s+FROM)\s+"AuditLog"/i.test(text);
  });
  expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
});
