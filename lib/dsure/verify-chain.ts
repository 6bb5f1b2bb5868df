import "server-only";
import crypto from "node:crypto";
import { canonicalizeJson, type JsonValue } from "@/lib/certificate/canonical-json";
import { verifyEd25519 } from "@/lib/certificate/signature";
import {
  CHAIN_ENTRY_FORMAT,
  chainEntryBytes,
  ZCancelDataSchema,
  keyCommitmentOf,
  ZKeyDataSchema,
  ZKeyOpeningSchema,
  ZVersionDataSchema,
  type SignedChainEntry,
  type TCancelData,
} from "./chain-format";
import { issuerKeyAt, type DsureIssuer } from "./issuers";

/** An entry as D-Sure stores it: the signed body's fields (its format implied), its key id and signature. */
export type StoredChainEntry = Omit<SignedChainEntry, "format">;

/** Why a chain is refused (the API's `integrity.reason`, lower-cased). */
export type ChainProblem =
  | "EMPTY"
  | "MALFORMED"
  | "WRONG_CERTIFICATE"
  | "SEQUENCE"
  | "PREVIOUS_HASH"
  | "UNKNOWN_KEY"
  | "KEY_NOT_VALID"
  | "SIGNATURE"
  | "CONTENT_HASH"
  | "ORDER"
  /** The key that matched is not the one the chain's newest KEY entry names. */
  | "KEY_BINDING";

export type VerifiedVersion = {
  version: number;
  at: string;
  content: JsonValue;
  contentHash: string;
  changeSummary: string | null;
  /** The 版's own signature (over its canonical content). */
  keyId: string;
  signature: string;
};

export type ChainVerdict =
  | {
      ok: true;
      issuer: string;
      /** Every 版, oldest first. */
      versions: VerifiedVersion[];
      cancel: (TCancelData & { at: string }) | null;
      /** The 認証キー in force: the newest KEY entry's verifier (null: none registered, or sealed and not opened). */
      keyVerifier: string | null;
      length: number;
      /** The last entry's hash. */
      head: string;
    }
  | { ok: false; problem: ChainProblem; /** the first entry that fails (0: the chain as a whole) */ seq: number };

const sha256 = (bytes: Buffer | string) => crypto.createHash("sha256").update(bytes).digest("hex");

/**
 * Checks a certificate's stored chain from its first entry: each entry is for this certificate, follows the one
 * before with no gap and names its hash, is signed by a configured key of its issuer valid at the entry's time, and
 * makes sense after the ones before (版 numbered 1, 2, 3 …, the first entry a 版, nothing but a key after 解約, times
 * never going back). Returns what the chain says, or the first problem. Never throws.
 * A pure function of the entries and the configured issuers.
 */
export function verifyChain({
  entries,
  contractNumber,
  issuers,
  openings = "required",
}: {
  entries: readonly StoredChainEntry[];
  contractNumber: string;
  issuers: readonly DsureIssuer[];
  /**
   * `required` (D-Sure): a sealed KEY entry must come with the opening of its commitment, which names the key in
   * force. `absent` (the chain's public form, a verification file): none is given, the key in force stays unknown.
   */
  openings?: "required" | "absent";
}): ChainVerdict {
  if (entries.length === 0) return { ok: false, problem: "EMPTY", seq: 0 };
  const issuer = entries[0]!.issuer;
  const versions: VerifiedVersion[] = [];
  let cancel: (TCancelData & { at: string }) | null = null;
  let keyVerifier: string | null = null;
  let prev: string | null = null;
  let lastAt = -Infinity;

  for (const [i, e] of entries.entries()) {
    const fail = (problem: ChainProblem): ChainVerdict => ({ ok: false, problem, seq: typeof e.seq === "number" ? e.seq : i + 1 });
    if (e.issuer !== issuer || e.contractNumber !== contractNumber) return fail("WRONG_CERTIFICATE");
    if (e.seq !== i + 1) return fail("SEQUENCE");
    if (e.prev !== prev) return fail("PREVIOUS_HASH");
    const at = new Date(e.at);
    if (Number.isNaN(at.getTime()) || at.toISOString() !== e.at) return fail("MALFORMED");
    const key = issuerKeyAt(issuers, { issuerCode: e.issuer, keyId: e.keyId, at });
    if (!key.ok) return fail(key.problem);

    let bytes: Buffer;
    try {
      bytes = chainEntryBytes({ ...e, format: CHAIN_ENTRY_FORMAT });
    } catch {
      return fail("MALFORMED");
    }
    if (!verifyEd25519(bytes, key.key.parsed, e.signature)) return fail("SIGNATURE");
    prev = sha256(bytes);

    // The entry is genuine; now it must make sense where it stands.
    if (at.getTime() < lastAt) return fail("ORDER");
    lastAt = at.getTime();
    if (i === 0 && e.kind !== "VERSION") return fail("ORDER");
    if (cancel && e.kind !== "KEY") return fail("ORDER");
    if (e.kind === "VERSION") {
      const d = ZVersionDataSchema.safeParse(e.data);
      if (!d.success) return fail("MALFORMED");
      if (d.data.version !== versions.length + 1) return fail("ORDER");
      let contentBytes: Buffer;
      try {
        contentBytes = Buffer.from(canonicalizeJson(d.data.content), "utf8");
      } catch {
        return fail("MALFORMED");
      }
      const contentHash = sha256(contentBytes);
      if (contentHash !== d.data.contentHash) return fail("CONTENT_HASH");
      // The 版's own signature too, with the same rules for its key: what D-Sure shows verifies on its own.
      const contentKey = issuerKeyAt(issuers, { issuerCode: e.issuer, keyId: d.data.signature.keyId, at });
      if (!contentKey.ok) return fail(contentKey.problem);
      if (!verifyEd25519(contentBytes, contentKey.key.parsed, d.data.signature.value)) return fail("SIGNATURE");
      versions.push({
        version: d.data.version,
        at: e.at,
        content: d.data.content as JsonValue,
        contentHash,
        changeSummary: d.data.changeSummary,
        keyId: d.data.signature.keyId,
        signature: d.data.signature.value,
      });
    } else if (e.kind === "CANCEL") {
      const d = ZCancelDataSchema.safeParse(e.data);
      if (!d.success) return fail("MALFORMED");
      cancel = { ...d.data, at: e.at };
    } else if (e.kind === "KEY") {
      const d = ZKeyDataSchema.safeParse(e.data);
      if (!d.success) return fail("MALFORMED");
      if ("keyVerifier" in d.data) keyVerifier = d.data.keyVerifier;
      else if (openings === "absent") keyVerifier = null;
      else {
        // The opening is not signed: it counts only if it opens the commitment the issuer signed.
        const opening = ZKeyOpeningSchema.safeParse(e.opening);
        if (!opening.success || keyCommitmentOf(opening.data) !== d.data.keyCommitment) return fail("KEY_BINDING");
        keyVerifier = opening.data.keyVerifier;
      }
    } else {
      return fail("MALFORMED");
    }
  }
  return { ok: true, issuer, versions, cancel, keyVerifier, length: entries.length, head: prev! };
}
