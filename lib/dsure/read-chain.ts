import "server-only";
import type { DsureTx, DsureDb } from "./db";
import type { StoredChainEntry } from "./verify-chain";

/** A certificate's stored chain, oldest first, as D-Sure holds it (checked by verifyChain, never trusted as read). */
export async function readChain(
  db: DsureTx | DsureDb,
  { issuerCode, contractNumber }: { issuerCode: string; contractNumber: string },
): Promise<StoredChainEntry[]> {
  const rows = await db.dsureChainEntry.findMany({
    where: { issuerCode, contractNumber },
    orderBy: [{ seq: "asc" }, { id: "asc" }],
    select: { issuerCode: true, contractNumber: true, seq: true, kind: true, at: true, prevHash: true, data: true, keyId: true, signature: true, keyOpening: true },
  });
  return rows.map(storedEntryOf);
}

/** A DsureChainEntry row as the entry it stores. */
export function storedEntryOf(r: {
  issuerCode: string;
  contractNumber: string;
  seq: number;
  kind: StoredChainEntry["kind"];
  at: Date;
  prevHash: string | null;
  data: unknown;
  keyId: string;
  signature: string;
  keyOpening?: unknown;
}): StoredChainEntry {
  return {
    issuer: r.issuerCode,
    contractNumber: r.contractNumber,
    seq: r.seq,
    kind: r.kind,
    at: r.at.toISOString(),
    prev: r.prevHash,
    data: r.data as StoredChainEntry["data"],
    keyId: r.keyId,
    signature: r.signature,
    ...(r.keyOpening ? { opening: r.keyOpening as StoredChainEntry["opening"] } : {}),
  };
}
