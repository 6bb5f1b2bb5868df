import "server-only";
import type { DsureTx } from "./db";
import { DomainError } from "@/lib/errors";
import { CHAIN_ENTRY_FORMAT, chainEntryHash, type SignedChainEntry } from "./chain-format";
import { appendChainEntry } from "./append-chain-entry";
import { storedEntryOf } from "./read-chain";

export type RegisteredEntry = { contractNumber: string; seq: number; hash: string; status: "registered" | "already" };

/**
 * D-Sure takes entries in order (inside the caller's transaction), idempotently: an entry D-Sure already holds — the
 * same body, key and signature at the same place — is "already" and changes nothing; a different entry at a place
 * already taken is a fork (CONFLICT, problem FORK); anything new goes through appendChainEntry's checks.
 */
export async function registerChainEntries(tx: DsureTx, { entries }: { entries: SignedChainEntry[] }): Promise<RegisteredEntry[]> {
  const out: RegisteredEntry[] = [];
  for (const entry of entries) {
    const hash = chainEntryHash(entry);
    const stored = await tx.dsureChainEntry.findUnique({
      where: { issuerCode_contractNumber_seq: { issuerCode: entry.issuer, contractNumber: entry.contractNumber, seq: entry.seq } },
    });
    if (stored) {
      const held = storedEntryOf(stored);
      if (chainEntryHash({ ...held, format: CHAIN_ENTRY_FORMAT }) !== hash || held.keyId !== entry.keyId || held.signature !== entry.signature) {
        throw new DomainError("CONFLICT", { contractNumber: entry.contractNumber, seq: entry.seq, problem: "FORK" });
      }
      out.push({ contractNumber: entry.contractNumber, seq: entry.seq, hash, status: "already" });
      continue;
    }
    await appendChainEntry(tx, { entry });
    out.push({ contractNumber: entry.contractNumber, seq: entry.seq, hash, status: "registered" });
  }
  return out;
}
