import "server-only";
import { env } from "@/lib/env";
import { VERIFICATION_FILE_FORMAT, type PublicChainEntry, type VerificationFile, type WithheldChainEntry } from "@/lib/verification/verification-file";
import { CHAIN_ENTRY_FORMAT, chainEntryHash } from "./chain-format";
import { dsureIssuers } from "./issuers";
import { signReceipt } from "./receipt";
import { registryKey } from "./registry-key";
import type { StoredChainEntry } from "./verify-chain";

/**
 * The verification file of a certificate just viewed (lib/verification/verification-file.ts): its verified chain in
 * its public form — every entry as its issuer signed it, a sealed KEY entry with its commitment only (the opening stays
 * at D-Sure), an entry from before the seal, whose body would show the key's bare verifier, as its place and hash — the
 * issuer, and D-Sure's receipt for the chain's head, signed now with D-Sure's key.
 */
export function buildVerificationFile({
  entries,
  contractNumber,
  now,
}: {
  /** The chain as D-Sure holds it and has just verified. */
  entries: readonly StoredChainEntry[];
  contractNumber: string;
  now: Date;
}): VerificationFile {
  const hashes = entries.map((e) => chainEntryHash({ ...e, format: CHAIN_ENTRY_FORMAT }));
  const publicEntries = entries.map((e, i): PublicChainEntry | WithheldChainEntry => {
    const bare = e.kind === "KEY" && typeof (e.data as { keyVerifier?: unknown } | null)?.keyVerifier === "string";
    if (bare) return { issuer: e.issuer, contractNumber: e.contractNumber, seq: e.seq, kind: "KEY", at: e.at, withheld: true, hash: hashes[i]! };
    return { issuer: e.issuer, contractNumber: e.contractNumber, seq: e.seq, kind: e.kind, at: e.at, prev: e.prev, data: e.data, keyId: e.keyId, signature: e.signature };
  });
  const last = entries[entries.length - 1]!;
  const head = hashes[hashes.length - 1]!;
  const issuer = dsureIssuers().find((i) => i.code === last.issuer);
  const { privateKeyPem, keyId } = registryKey();
  const at = now.toISOString();
  return {
    format: VERIFICATION_FILE_FORMAT,
    contractNumber,
    issuer: { code: last.issuer, name: issuer?.name ?? last.issuer },
    viewedAt: at,
    entries: publicEntries,
    receipt: signReceipt({ privateKeyPem, receipt: { issuer: last.issuer, contractNumber, seq: last.seq, entryHash: head, length: entries.length, head, at } }),
    registry: { name: env().DSURE_OPERATOR_NAME, keyId },
  };
}
