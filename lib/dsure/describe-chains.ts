import "server-only";
import type { DsureDb } from "./db";
import { CHAIN_ENTRY_FORMAT, chainEntryHash } from "./chain-format";
import type { ChainAnswer } from "./issuer-query";
import { dsureIssuers } from "./issuers";
import { storedEntryOf } from "./read-chain";
import { signReceipt } from "./receipt";
import { registryKey } from "./registry-key";
import { verifyChain, type StoredChainEntry } from "./verify-chain";

/**
 * What D-Sure serves now for an issuer's certificates (the `chains` query): for each number it holds a chain of, from
 * that issuer, every entry's hash as rebuilt from the stored row, its own check of the whole chain, and a receipt for
 * the newest entry signed with D-Sure's key. Numbers it holds nothing of are left out.
 */
export async function describeChains({
  db,
  issuer,
  contractNumbers,
  now,
}: {
  db: DsureDb;
  issuer: string;
  contractNumbers: string[];
  now: Date;
}): Promise<ChainAnswer[]> {
  const rows = await db.dsureChainEntry.findMany({
    where: { issuerCode: issuer, contractNumber: { in: contractNumbers } },
    orderBy: [{ contractNumber: "asc" }, { seq: "asc" }, { id: "asc" }],
    select: { issuerCode: true, contractNumber: true, seq: true, kind: true, at: true, prevHash: true, data: true, keyId: true, signature: true, keyOpening: true },
  });
  const chains = new Map<string, StoredChainEntry[]>();
  for (const r of rows) {
    const list = chains.get(r.contractNumber) ?? [];
    list.push(storedEntryOf(r));
    chains.set(r.contractNumber, list);
  }
  const issuers = dsureIssuers();
  const { privateKeyPem } = registryKey();
  const at = now.toISOString();
  return [...chains].map(([contractNumber, entries]) => {
    const hashes = entries.map((e) => {
      try {
        return chainEntryHash({ ...e, format: CHAIN_ENTRY_FORMAT });
      } catch {
        return null;
      }
    });
    const verdict = verifyChain({ entries, contractNumber, issuers });
    const last = entries[entries.length - 1]!;
    const head = hashes[hashes.length - 1];
    return {
      contractNumber,
      length: entries.length,
      hashes,
      problem: verdict.ok ? null : { problem: verdict.problem, seq: verdict.seq },
      headReceipt: head
        ? signReceipt({ privateKeyPem, receipt: { issuer, contractNumber, seq: last.seq, entryHash: head, length: last.seq, head, at } })
        : null,
    };
  });
}
