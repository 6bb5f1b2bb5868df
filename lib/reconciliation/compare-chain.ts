import type { ReconciliationFindingKind } from "@/lib/generated/prisma/enums";
import type { ChainAnswer } from "@/lib/dsure/registration";

/** One entry of ours: what we sent for a place in the certificate's chain, and whether D-Sure gave a receipt for it. */
export type OurEntry = { seq: number; hash: string; registered: boolean; receiptAt: string | null };

export type ChainDifference = {
  kind: ReconciliationFindingKind;
  /** The first entry that differs (null: the chain as a whole). */
  seq: number | null;
  /** What we registered: how many entries D-Sure acknowledged, the hash we expect at `seq`, the receipt's time. */
  expected: { length: number; hash: string | null; receiptAt: string | null };
  /** What D-Sure serves now: its length, its hash at `seq`, its own check's problem. */
  actual: { length: number; hash: string | null; problem: string | null };
};

/**
 * 照合 of one certificate: our record of what we registered (every entry we sent, and which D-Sure acknowledged)
 * against the chain D-Sure serves now. The first difference, or null when D-Sure serves exactly what it acknowledged
 * (plus, at most, entries of ours still on their way). In order of what it means:
 * - DIFFERENT: another entry at a place D-Sure acknowledged ours (a fork, an entry replaced);
 * - SHORTER / MISSING: D-Sure's chain ends before the last entry it acknowledged (restored from an older backup, the
 *   newest entries deleted), or it holds none at all;
 * - UNKNOWN_ENTRY: an entry after ours that we never sent;
 * - TAMPERED: the places agree, but D-Sure's chain fails its own check.
 */
export function compareChain({ ours, theirs }: { ours: readonly OurEntry[]; theirs: ChainAnswer | undefined }): ChainDifference | null {
  const acknowledged = ours.filter((e) => e.registered);
  const length = acknowledged.reduce((n, e) => Math.max(n, e.seq), 0);
  const ourAt = (seq: number) => ours.find((e) => e.seq === seq);
  const expectedAt = (seq: number) => ({ length, hash: ourAt(seq)?.hash ?? null, receiptAt: ourAt(seq)?.receiptAt ?? null });
  if (!theirs || theirs.length === 0) {
    if (length === 0) return null;
    return { kind: "MISSING", seq: null, expected: expectedAt(length), actual: { length: 0, hash: null, problem: null } };
  }
  const actualAt = (seq: number) => ({ length: theirs.length, hash: theirs.hashes[seq - 1] ?? null, problem: theirs.problem?.problem ?? null });

  for (let seq = 1; seq <= Math.min(length, theirs.length); seq++) {
    const mine = ourAt(seq);
    if (mine && theirs.hashes[seq - 1] !== mine.hash) return { kind: "DIFFERENT", seq, expected: expectedAt(seq), actual: actualAt(seq) };
  }
  if (theirs.length < length) {
    const seq = theirs.length + 1;
    return { kind: "SHORTER", seq, expected: expectedAt(length), actual: { length: theirs.length, hash: theirs.hashes[theirs.length - 1] ?? null, problem: theirs.problem?.problem ?? null } };
  }
  for (let seq = length + 1; seq <= theirs.length; seq++) {
    // An entry of ours that D-Sure holds before its receipt reached us (the dispatcher will record it) is ours.
    if (ourAt(seq)?.hash !== theirs.hashes[seq - 1]) return { kind: "UNKNOWN_ENTRY", seq, expected: expectedAt(seq), actual: actualAt(seq) };
  }
  if (theirs.problem) {
    return { kind: "TAMPERED", seq: theirs.problem.seq || null, expected: expectedAt(theirs.problem.seq || length), actual: actualAt(theirs.problem.seq || length) };
  }
  return null;
}
