import { describe, expect, it } from "vitest";
import { createBatcher } from "@/lib/batch/create-batcher";

/** A run that records each batch and resolves when released. */
function recordingRun<T>(fail?: (items: T[]) => boolean) {
  const batches: T[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: T[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      pending.push(() => (fail?.(items) ? reject(new Error(`failed ${items.join(",")}`)) : resolve(items.map((i) => `r${i}`))));
    });
  const releaseAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { run, batches, releaseAll };
}

describe("createBatcher", () => {
  it("runs the first item at once and the items that arrive meanwhile together, each caller getting its own result", async () => {
    const { run, batches, releaseAll } = recordingRun<number>();
    const call = createBatcher(run, { maxInFlight: 1 });
    const results = Promise.all([1, 2, 3, 4].map((i) => call(i)));
    expect(batches).toEqual([[1]]);
    await releaseAll();
    expect(await results).toEqual(["r1", "r2", "r3", "r4"]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("keeps up to maxInFlight runs going and at most maxBatch items in one", async () => {
    const { run, batches, releaseAll } = recordingRun<number>();
    const call = createBatcher(run, { maxInFlight: 2, maxBatch: 2 });
    const results = Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => call(i)));
    expect(batches).toEqual([[1], [2]]);
    await releaseAll();
    expect(await results).toEqual(["r1", "r2", "r3", "r4", "r5", "r6", "r7"]);
    expect(batches.slice(2).every((b) => b.length <= 2)).toBe(true);
    expect(batches.flat().sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("runs the items of a failed batch one by one, so only the bad one fails", async () => {
    const { run, batches, releaseAll } = recordingRun<number>((items) => items.includes(3));
    const call = createBatcher(run, { maxInFlight: 1 });
    const results = [1, 2, 3, 4].map((i) => call(i).catch((e: Error) => e.message));
    await releaseAll();
    expect(await Promise.all(results)).toEqual(["r1", "r2", "failed 3", "r4"]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it("rejects every caller of a batch whose run returns the wrong number of results", async () => {
    const call = createBatcher(async (items: number[]) => items.slice(1), { maxInFlight: 1 });
    await expect(call(1)).rejects.toThrow("batch returned 0 results for 1 items");
  });
});
