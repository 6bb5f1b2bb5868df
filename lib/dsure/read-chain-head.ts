import "server-only";
import type { DsureTx } from "./db";
import { chainEntryHash, CHAIN_ENTRY_FORMAT } from "./chain-format";
import { readChain } from "./read-chain";

/** Where a certificate's chain ends at D-Sure: the next entry's seq and prev (length 0, head null: no chain yet). */
export async function readChainHead(
  tx: DsureTx,
  { issuerCode, contractNumber }: { issuerCode: string; contractNumber: string },
): Promise<{ length: number; head: string | null }> {
  const stored = await readChain(tx, { issuerCode, contractNumber });
  const last = stored[stored.length - 1];
  return last ? { length: stored.length, head: chainEntryHash({ ...last, format: CHAIN_ENTRY_FORMAT }) } : { length: 0, head: null };
}
