/**
 * Coalesces concurrent calls into fewer round trips: an item runs at once when fewer than `maxInFlight` runs are
 * in flight; items that arrive meanwhile wait and go together in the next run (at most `maxBatch` per run). Idle,
 * a call costs what it did alone; busy, one statement serves many callers. Every caller still waits for the run
 * that carries its item, so nothing is acknowledged before the database has it.
 *
 * `run` returns one result per item, in order. When a run of several items fails, each item is run once more on its
 * own, so one bad item cannot fail the others (the failed run was one statement: nothing of it was applied).
 */
export function createBatcher<I, O>(
  run: (items: I[]) => Promise<O[]>,
  { maxBatch = 64, maxInFlight = 2 }: { maxBatch?: number; maxInFlight?: number } = {},
): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  const queue: Waiting[] = [];
  let inFlight = 0;

  async function runBatch(batch: Waiting[]) {
    try {
      const out = await run(batch.map((w) => w.item));
      if (out.length !== batch.length) throw new Error(`batch returned ${out.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(out[i]!));
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
      await Promise.all(
        batch.map(async (w) => {
          try {
            const [o] = await run([w.item]);
            w.resolve(o!);
          } catch (err) {
            w.reject(err);
          }
        }),
      );
    }
  }

  function pump() {
    while (inFlight < maxInFlight && queue.length) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}
