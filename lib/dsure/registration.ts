import "server-only";
/**
 * D-Sure's registration interface: the only way the surety's code reaches D-Sure — in-process while both run in one
 * app, or over HTTP with a signed request (signRegistrationRequest → POST /api/dsure/v1/registrations) when apart. The surety asks where a certificate's chain ends, signs the next entry in the chain format and registers it;
 * D-Sure checks it before it keeps it (appendChainEntry).
 */
export { readChainHead } from "./read-chain-head";
export { appendChainEntry } from "./append-chain-entry";
export { findRegisteredCertificates } from "./find-registered-certificates";
export { registerChainEntries, type RegisteredEntry } from "./register-chain-entries";
export { acceptRegistrationRequest, type RegistrationResult, type ReceiptedEntry } from "./accept-registration-request";
export { checkReceipt, RECEIPT_FORMAT, type TReceipt, type TSignedReceipt, type ReceiptProblem } from "./receipt";
export { openRegistry, type Registry } from "./open-registry";
export {
  signIssuerQuery,
  ISSUER_QUERY_FORMAT,
  type TIssuerQuery,
  type TIssuerQueryBody,
  type IssuerQueryAnswer,
  type ViewReceiptAnswer,
  type AlarmAnswer,
  type ChainAnswer,
} from "./issuer-query";
export { signRegistrationRequest, REGISTRATION_REQUEST_FORMAT, type TRegistrationRequest } from "./registration-request";
export {
  CHAIN_ENTRY_FORMAT,
  chainEntryBytes,
  chainEntryHash,
  keyVerifierOf,
  sealKey,
  keyCommitmentOf,
  type KeyOpening,
  isLegacyKeyVerifier,
  type ChainEntryBody,
  type ChainEntryKind,
  type SignedChainEntry,
  type TCancelData,
  type TKeyData,
  type TVersionData,
} from "./chain-format";
