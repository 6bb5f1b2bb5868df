/**
 * D-Sure and the surety are two parties in one house (STYLE.md): the surety reaches D-Sure only through its
 * registration interface, and D-Sure's record of certificates (DsureChainEntry) is D-Sure's alone.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "lib", "components", "scripts", "server", "prisma"];
const SOURCE_FILES = ["instrumentation.ts", "proxy.ts"];

function sources(): string[] {
  const out: string[] = [...SOURCE_FILES];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "generated" && e.name !== "node_modules") walk(rel);
      } else if (/\.(ts|tsx|mts|mjs)$/.test(e.name)) out.push(rel);
    }
  };
  SOURCE_DIRS.forEach(walk);
  return out.map((f) => f.split(path.sep).join("/"));
}

/** D-Sure's own side: its library, its page, its API. */
const isDsureSide = (file: string) => file.startsWith("lib/dsure/") || file.startsWith("app/(dsure)/") || file.startsWith("app/api/dsure/");

/**
 * Beside the registration interface, only the processes that host either party and the tools that act as both reach
 * into D-Sure; nothing may be added here.
 */
const GRANDFATHERED: Record<string, string[]> = {
  // The processes that host either party as APP_ROLES says: they start D-Sure's side only when it is theirs to serve.
  "scripts/worker.ts": ["start-dsure-maintenance", "db"],
  "instrumentation.ts": ["issuers", "start-in-app-dsure-maintenance"],
  // Tools that act as both parties: the in-process look-up benchmark and the bench's bulk data (it registers chains).
  "scripts/lookup-bench.ts": ["lookup-certificate", "db"],
  "scripts/lib/bulk-seed-contracts.ts": ["chain-format"],
};

const IMPORT = /(?:from\s+|import\s*\(\s*)["']((?:@\/|\.\.?\/)[^"']+)["']/g;

/** The D-Sure module an import names (`@/lib/dsure/x`, or a relative path that lands in lib/dsure/), or null. */
function dsureModuleOf(file: string, spec: string): string | null {
  const target = spec.startsWith("@/") ? spec.slice(2) : path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  const m = /^lib\/dsure\/([\w-]+)$/.exec(target);
  return m ? m[1]! : null;
}

describe("the border between the surety and D-Sure", () => {
  const files = sources();

  it("the surety's code imports nothing of D-Sure but its registration interface", () => {
    const offending: string[] = [];
    for (const file of files.filter((f) => !isDsureSide(f))) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const m of text.matchAll(IMPORT)) {
        const name = dsureModuleOf(file, m[1]!);
        if (name === null || name === "registration" || GRANDFATHERED[file]?.includes(name)) continue;
        offending.push(`${file} → lib/dsure/${name}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("only D-Sure touches its record of certificates (DsureChainEntry, DsureCertificate, DsureRegistrationNonce)", () => {
    const offending = files
      .filter((f) => !isDsureSide(f) && f !== "scripts/lib/bulk-seed-contracts.ts" && f !== "scripts/lib/take-over-dsure-tables.ts")
      .filter((f) => /[Dd]sure(ChainEntry|Certificate|RegistrationNonce)\b/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(offending).toEqual([]);
  });

  it("D-Sure reads none of the surety's certificate tables", () => {
    const offending: string[] = [];
    for (const file of files.filter((f) => f.startsWith("lib/dsure/"))) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const m of text.matchAll(/"(CertificateVersion|SigningKey|AuthKey|GuaranteeContract|CertificateRegistration)"|\b(certificateVersion|signingKey|authKey|guaranteeContract|certificateRegistration)\./g)) {
        const hit = m[1] ?? m[2]!;
        offending.push(`${file}: ${hit}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("D-Sure's code has no client of the surety's database, and its tables are in its own Prisma schema", () => {
    const offending: string[] = [];
    for (const file of files.filter(isDsureSide)) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1]!;
        if (spec === "@/lib/db" || spec.startsWith("@/lib/generated/prisma")) offending.push(`${file} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
    const surety = fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
    const dsure = fs.readFileSync(path.join(ROOT, "prisma/dsure/schema.prisma"), "utf8");
    expect(surety).not.toMatch(/^model Dsure/m);
    expect(dsure.match(/^model (\w+)/gm)).toEqual([
      "model DsureAccessLog",
      "model DsureAlarm",
      "model DsureThrottleCounter",
      "model DsureChainEntry",
      "model DsureRegistrationNonce",
      "model DsureCertificate",
    ]);
    // Every D-Sure table and type lives in the schema `dsure`.
    expect(dsure.match(/@@schema\("dsure"\)/g)).toHaveLength(9);
  });

  it("finds what it is looking for (the scan is not empty)", () => {
    expect(files).toContain("lib/dsure/registration.ts");
    expect(files).toContain("lib/certificate/enqueue-certificate-registration.ts");
    const text = fs.readFileSync(path.join(ROOT, "lib/certificate/enqueue-certificate-registration.ts"), "utf8");
    const file = "lib/certificate/enqueue-certificate-registration.ts";
    expect([...text.matchAll(IMPORT)].map((m) => dsureModuleOf(file, m[1]!)).filter(Boolean)).toEqual(["registration"]);
    // Relative paths count too.
    expect(dsureModuleOf("lib/demo/x.ts", "../dsure/read-chain")).toBe("read-chain");
    expect(dsureModuleOf("scripts/lib/x.ts", "../../lib/dsure/chain-format")).toBe("chain-format");
    expect(dsureModuleOf("lib/demo/x.ts", "../certificate/signature")).toBeNull();
  });
});
