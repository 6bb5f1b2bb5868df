import "server-only";
/**
 * D-Sure's registration interface: the only way the surety's code reaches D-Sure (in-process while both run in one
 * app). The surety asks where a certificate's chain ends, signs the next entry in the chain format and registers it;
 * D-Sure checks it before it keeps it (appendChainEntry).
 */
export { readChainHead } from "./read-chain-head";
export { appendChainEntry } from "./append-chain-entry";
export { findRegisteredCertificates } from "./find-registered-certificates";
export {
  CHAIN_ENTRY_FORMAT,
  chainEntryBytes,
  chainEntryHash,
  keyVerifierOf,
  type ChainEntryBody,
  type ChainEntryKind,
  type SignedChainEntry,
  type TCancelData,
  type TKeyData,
  type TVersionData,
} from "./chain-format";
