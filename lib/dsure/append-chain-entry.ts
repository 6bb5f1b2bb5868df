import "server-only";
import type { DsureTx } from "./db";
import { DomainError } from "@/lib/errors";
import { chainEntryHash, type SignedChainEntry } from "./chain-format";
import { dsureIssuers } from "./issuers";
import { readChain } from "./read-chain";
import { verifyChain } from "./verify-chain";

/**
 * D-Sure takes one signed entry into a certificate's chain (inside the caller's transaction). Refused (CONFLICT, with
 * the problem) unless the chain as stored verifies and, with this entry at its end, still does: signed by a configured
 * key of its issuer valid at the entry's time, the next sequence number, the stored head's hash as `prev`, and
 * sensible after the entries before it. The unique (issuer, number, seq) index refuses a fork even between two
 * transactions that checked at the same time, and a number already registered by another issuer is refused
 * (NUMBER_TAKEN): a 保証契約番号 on a key notice names exactly one certificate at D-Sure. Returns the chain's length and head after the entry.
 */
export async function appendChainEntry(tx: DsureTx, { entry }: { entry: SignedChainEntry }): Promise<{ length: number; head: string }> {
  const stored = await readChain(tx, { issuerCode: entry.issuer, contractNumber: entry.contractNumber });
  const verdict = verifyChain({ entries: [...stored, entry], contractNumber: entry.contractNumber, issuers: dsureIssuers() });
  if (!verdict.ok) {
    throw new DomainError("CONFLICT", { contractNumber: entry.contractNumber, seq: verdict.seq, problem: verdict.problem });
  }
  if (entry.seq === 1) {
    // A number names one certificate at D-Sure, whoever issued it: the first issuer to register it keeps it.
    await tx.$executeRaw`
      INSERT INTO "dsure"."DsureCertificate" ("contractNumber", "issuerCode") VALUES (${entry.contractNumber}, ${entry.issuer})
      ON CONFLICT DO NOTHING`;
    const holder = await tx.dsureCertificate.findUniqueOrThrow({ where: { contractNumber: entry.contractNumber }, select: { issuerCode: true } });
    if (holder.issuerCode !== entry.issuer) {
      throw new DomainError("CONFLICT", { contractNumber: entry.contractNumber, seq: 1, problem: "NUMBER_TAKEN" });
    }
  }
  await tx.dsureChainEntry.create({
    data: {
      issuerCode: entry.issuer,
      contractNumber: entry.contractNumber,
      seq: entry.seq,
      kind: entry.kind,
      at: new Date(entry.at),
      prevHash: entry.prev,
      data: entry.data as object,
      keyId: entry.keyId,
      signature: entry.signature,
      keyOpening: entry.opening ?? undefined,
    },
  });
  return { length: verdict.length, head: chainEntryHash(entry) };
}
