/**
 * `npm test` on a fresh machine: the e2e tiers' Chromium is found, or installed by the test command when it may
 * (root, Debian's apt-get), or explained when it may not. The search is pointed at empty folders so the machine's own
 * Chromium (if any) is not seen; the installer is the one part replaced, by one that puts an executable on PATH.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureChromium, findChromium, whyNoSystemInstall } from "../../scripts/lib/chromium";

let dir: string;
let search: { env: Record<string, string | undefined>; candidates: string[]; playwright: boolean };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-finder-"));
  search = { env: { PATH: dir }, candidates: [], playwright: false };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function putExecutable(name: string, mode = 0o755): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, "#!/bin/sh\nexit 0\n", { mode });
  return file;
}

describe("findChromium", () => {
  it("finds nothing on an empty PATH with no usual places", () => {
    expect(findChromium(search)).toBeNull();
  });

  it("finds a chromium on PATH, and not a file that cannot be run", () => {
    putExecutable("chromium", 0o644);
    expect(findChromium(search)).toBeNull();
    const file = putExecutable("chromium-browser");
    expect(findChromium(search)).toBe(file);
  });

  it("takes CHROMIUM_PATH as given, and nothing else when it names no file", () => {
    putExecutable("chromium");
    expect(findChromium({ ...search, env: { ...search.env, CHROMIUM_PATH: path.join(dir, "missing") } })).toBeNull();
  });
});

describe("ensureChromium", () => {
  it("installs when none is found and it may, says so, and returns what the install put on PATH", () => {
    const lines: string[] = [];
    let installs = 0;
    const found = ensureChromium({
      search,
      whyNot: () => null,
      install: () => {
        installs++;
        putExecutable("chromium");
        return true;
      },
      log: (l) => lines.push(l),
    });
    expect(installs).toBe(1);
    expect(found).toBe(path.join(dir, "chromium"));
    expect(lines.join("\n")).toContain("apt-get でインストールします");
    expect(lines.join("\n")).toContain("インストールしました");
  });

  it("does not install when one is found", () => {
    const file = putExecutable("chromium");
    const found = ensureChromium({ search, whyNot: () => null, install: () => expect.fail("installed needlessly"), log: () => {} });
    expect(found).toBe(file);
  });

  it("explains, and installs nothing, when it may not", () => {
    const lines: string[] = [];
    const found = ensureChromium({
      search,
      whyNot: () => "root ではないため、システムのパッケージを自動ではインストールしません",
      install: () => expect.fail("installed without permission"),
      log: (l) => lines.push(l),
    });
    expect(found).toBeNull();
    expect(lines.join("\n")).toContain("Chromium が見つかりません");
    expect(lines.join("\n")).toContain("apt-get install -y chromium");
    expect(lines.join("\n")).toContain("root ではないため");
  });

  it("reports a failed install with the manual way", () => {
    const lines: string[] = [];
    expect(ensureChromium({ search, whyNot: () => null, install: () => false, log: (l) => lines.push(l) })).toBeNull();
    expect(lines.join("\n")).toContain("失敗しました");
  });
});

describe("whyNoSystemInstall", () => {
  const aptGet = () => putExecutable("apt-get");

  it("may install as root on Linux with apt-get", () => {
    expect(whyNoSystemInstall({ platform: "linux", uid: 0, aptGet: aptGet(), env: {} })).toBeNull();
  });

  it.each([
    [{ platform: "linux" as const, uid: 1000 }, "root ではない"],
    [{ platform: "darwin" as const, uid: 0 }, "Linux ではない"],
  ])("may not when %o", (who, reason) => {
    expect(whyNoSystemInstall({ ...who, aptGet: aptGet(), env: {} })).toContain(reason);
  });

  it("may not without apt-get, nor when CHROMIUM_PATH names a browser", () => {
    expect(whyNoSystemInstall({ platform: "linux", uid: 0, aptGet: path.join(dir, "none"), env: {} })).toContain("apt-get が無い");
    expect(whyNoSystemInstall({ platform: "linux", uid: 0, aptGet: aptGet(), env: { CHROMIUM_PATH: "/x" } })).toContain("CHROMIUM_PATH");
  });
});
