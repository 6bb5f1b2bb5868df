import { describe, expect, it } from "vitest";
import { compareChain, type OurEntry } from "@/lib/reconciliation/compare-chain";
import type { ChainAnswer } from "@/lib/dsure/issuer-query";

const h = (c: string) => c.repeat(64);
const ours = (...list: [string, boolean][]): OurEntry[] => list.map(([hash, registered], i) => ({ seq: i + 1, hash: h(hash), registered, receiptAt: registered ? "2026-12-07T00:00:00.000Z" : null }));
const theirs = (hashes: string[], problem: ChainAnswer["problem"] = null): ChainAnswer => ({ contractNumber: "2026-0000001-2", length: hashes.length, hashes: hashes.map(h), problem, headReceipt: null });

describe("照合 of one certificate (compareChain)", () => {
  it("agrees when D-Sure serves what it acknowledged, and when it already holds an entry whose receipt is on its way", () => {
    expect(compareChain({ ours: ours(["a", true], ["b", true]), theirs: theirs(["a", "b"]) })).toBeNull();
    expect(compareChain({ ours: ours(["a", true], ["b", false]), theirs: theirs(["a", "b"]) })).toBeNull();
    expect(compareChain({ ours: ours(["a", true], ["b", false]), theirs: theirs(["a"]) })).toBeNull();
    expect(compareChain({ ours: ours(["a", false]), theirs: undefined })).toBeNull();
  });

  it("names a chain cut short (rollback, deleted newest entry) or missing, with both lengths", () => {
    expect(compareChain({ ours: ours(["a", true], ["b", true], ["c", true]), theirs: theirs(["a"]) })).toEqual({
      kind: "SHORTER",
      seq: 2,
      expected: { length: 3, hash: h("c"), receiptAt: "2026-12-07T00:00:00.000Z" },
      actual: { length: 1, hash: h("a"), problem: null },
    });
    expect(compareChain({ ours: ours(["a", true]), theirs: undefined })).toMatchObject({ kind: "MISSING", expected: { length: 1 }, actual: { length: 0 } });
  });

  it("names a fork at the first place that differs, an entry we never sent, and a chain failing D-Sure's own check", () => {
    expect(compareChain({ ours: ours(["a", true], ["b", true]), theirs: theirs(["a", "x", "y"]) })).toMatchObject({
      kind: "DIFFERENT",
      seq: 2,
      expected: { hash: h("b") },
      actual: { length: 3, hash: h("x") },
    });
    expect(compareChain({ ours: ours(["a", true]), theirs: theirs(["a", "x"]) })).toMatchObject({ kind: "UNKNOWN_ENTRY", seq: 2, actual: { hash: h("x") } });
    expect(compareChain({ ours: ours(["a", true], ["b", true]), theirs: theirs(["a", "b"], { problem: "SIGNATURE", seq: 2 }) })).toMatchObject({
      kind: "TAMPERED",
      seq: 2,
      actual: { problem: "SIGNATURE" },
    });
  });
});
