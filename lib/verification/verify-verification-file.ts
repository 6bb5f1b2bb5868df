import { canonicalizeJson } from "@/lib/certificate/canonical-json";
import {
  VERIFICATION_FILE_FORMAT,
  type PublicChainEntry,
  type TrustedKey,
  type TrustedKeys,
  type WithheldChainEntry,
} from "./verification-file";

export type EntryProblem =
  | "MALFORMED"
  | "WRONG_CERTIFICATE"
  | "SEQUENCE"
  | "PREVIOUS_HASH"
  | "UNKNOWN_KEY"
  | "KEY_NOT_VALID"
  | "SIGNATURE"
  | "CONTENT_HASH"
  | "ORDER";

export const ENTRY_PROBLEM_MESSAGES: Record<EntryProblem, string> = {
  MALFORMED: "記録の形式が正しくありません",
  WRONG_CERTIFICATE: "別の電子証書の記録です",
  SEQUENCE: "記録の番号が連続していません",
  PREVIOUS_HASH: "直前の記録のハッシュと一致しません",
  UNKNOWN_KEY: "署名した鍵が公開鍵の一覧にありません",
  KEY_NOT_VALID: "記録の日時に有効な鍵ではありません",
  SIGNATURE: "署名が正しくありません",
  CONTENT_HASH: "版の内容のハッシュが一致しません",
  ORDER: "記録の順序が正しくありません",
};

export type ReceiptProblem = "MALFORMED" | "UNKNOWN_KEY" | "SIGNATURE" | "MISMATCH";

export const RECEIPT_PROBLEM_MESSAGES: Record<ReceiptProblem, string> = {
  MALFORMED: "受領証の形式が正しくありません",
  UNKNOWN_KEY: "受領証に署名した鍵が D-Sure の公開鍵ではありません",
  SIGNATURE: "受領証の署名が正しくありません",
  MISMATCH: "受領証が最後の記録と一致しません",
};

export type EntryResult = {
  seq: number;
  kind: string;
  at: string;
  /** Who signed it: the issuer and the key id named by the entry. */
  issuer: string;
  keyId: string | null;
  /** The entry's hash as computed here (for a withheld entry: as the file gives it). */
  hash: string | null;
  /** An entry from before the seal: its body is not in the file, its signature cannot be checked; its hash is linked. */
  withheld: boolean;
  ok: boolean;
  problem: EntryProblem | null;
};

export type VerificationReport = {
  ok: boolean;
  /** Why the file could not be read at all (null when it could). */
  unreadable: string | null;
  contractNumber: string | null;
  issuer: { code: string; name: string | null } | null;
  viewedAt: string | null;
  entries: EntryResult[];
  receipt: { ok: boolean; problem: ReceiptProblem | null; keyId: string | null; at: string | null; length: number | null; head: string | null };
  /** What the chain says, when every entry verifies. */
  certificate: { currentVersion: number; cancelled: boolean; cancelDate: string | null } | null;
};

const HEX64 = /^[0-9a-f]{64}$/;

function bytesOfBase64(text: string): Uint8Array | null {
  try {
    const normal = text.replace(/-/g, "+").replace(/_/g, "/");
    const bin = atob(normal + "=".repeat((4 - (normal.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (bytes: Uint8Array) => hex(await crypto.subtle.digest("SHA-256", bytes as BufferSource));

type ImportedKey = { keyId: string; key: CryptoKey; validFrom: number | null; validTo: number | null };

async function importKey(k: TrustedKey): Promise<ImportedKey | null> {
  const body = k.publicKeyPem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
  const der = bytesOfBase64(body);
  if (!der) return null;
  try {
    const key = await crypto.subtle.importKey("spki", der as BufferSource, { name: "Ed25519" }, false, ["verify"]);
    // A key id names the key itself: the first 16 hex digits of SHA-256 over its SPKI DER.
    const keyId = (await sha256(der)).slice(0, 16);
    if (k.keyId && k.keyId !== keyId) return null;
    const time = (v: string | null | undefined) => (v ? new Date(v).getTime() : null);
    return { keyId, key, validFrom: time(k.validFrom), validTo: time(k.validTo) };
  } catch {
    return null;
  }
}

async function verifyEd25519(key: CryptoKey, signature: unknown, message: Uint8Array): Promise<boolean> {
  if (typeof signature !== "string" || !/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  const sig = bytesOfBase64(signature);
  if (!sig || sig.length !== 64) return false;
  try {
    return await crypto.subtle.verify({ name: "Ed25519" }, key, sig as BufferSource, message as BufferSource);
  } catch {
    return false;
  }
}

const isWithheld = (e: unknown): e is WithheldChainEntry => typeof e === "object" && e !== null && (e as { withheld?: unknown }).withheld === true;

/**
 * Checks a verification file against keys the checker trusts (D-Sure's published keys, or keys given on the command
 * line): each entry is for this certificate, numbered 1, 2, 3 … and names the previous entry's hash; its signature by
 * its issuer's key valid at its time holds over the RFC 8785 canonical JSON of its body; a 版's content matches its
 * hash and its own signature; D-Sure's receipt, signed by D-Sure's key, names the chain's newest entry and length.
 * Reports every entry's result, not just the first failure. Runs in a browser and in Node.js (Web Crypto); never throws.
 */
export async function verifyVerificationFile({ file, trusted }: { file: unknown; trusted: TrustedKeys }): Promise<VerificationReport> {
  const report: VerificationReport = {
    ok: false,
    unreadable: null,
    contractNumber: null,
    issuer: null,
    viewedAt: null,
    entries: [],
    receipt: { ok: false, problem: null, keyId: null, at: null, length: null, head: null },
    certificate: null,
  };
  const f = file as Partial<{ format: unknown; contractNumber: unknown; issuer: { code?: unknown; name?: unknown }; viewedAt: unknown; entries: unknown; receipt: unknown }>;
  if (typeof f !== "object" || f === null || f.format !== VERIFICATION_FILE_FORMAT || typeof f.contractNumber !== "string" || !Array.isArray(f.entries)) {
    report.unreadable = "D-Sure の検証用ファイルではありません（形式が正しくありません）";
    return report;
  }
  const contractNumber = f.contractNumber;
  report.contractNumber = contractNumber;
  report.viewedAt = typeof f.viewedAt === "string" ? f.viewedAt : null;
  const issuerCode = typeof f.issuer?.code === "string" ? f.issuer.code : null;
  const trustedIssuer = trusted.issuers.find((i) => i.code === issuerCode);
  report.issuer = issuerCode ? { code: issuerCode, name: trustedIssuer?.name ?? (typeof f.issuer?.name === "string" ? f.issuer.name : null) } : null;

  const issuerKeys = (await Promise.all((trustedIssuer?.keys ?? []).map(importKey))).filter((k): k is ImportedKey => k !== null);
  let prev: string | null = null;
  let versions = 0;
  let cancelDate: string | null = null;
  let lastAt = -Infinity;

  for (const [i, raw] of (f.entries as unknown[]).entries()) {
    const e = (raw ?? {}) as Partial<Omit<PublicChainEntry, "kind"> & Omit<WithheldChainEntry, "kind">> & { kind?: string };
    const result: EntryResult = {
      seq: typeof e.seq === "number" ? e.seq : i + 1,
      kind: typeof e.kind === "string" ? e.kind : "?",
      at: typeof e.at === "string" ? e.at : "",
      issuer: typeof e.issuer === "string" ? e.issuer : "",
      keyId: typeof e.keyId === "string" ? e.keyId : null,
      hash: null,
      withheld: isWithheld(raw),
      ok: false,
      problem: null,
    };
    report.entries.push(result);
    const problem = await (async (): Promise<EntryProblem | null> => {
      if (e.issuer !== issuerCode || e.contractNumber !== contractNumber) return "WRONG_CERTIFICATE";
      if (e.seq !== i + 1) return "SEQUENCE";
      const at = typeof e.at === "string" ? new Date(e.at) : new Date(NaN);
      if (Number.isNaN(at.getTime()) || at.toISOString() !== e.at) return "MALFORMED";
      if (result.withheld) {
        // Only the hash is given: it is checked by the next entry's `prev` and by D-Sure's receipt.
        if (e.kind !== "KEY" || typeof e.hash !== "string" || !HEX64.test(e.hash)) return "MALFORMED";
        result.hash = e.hash;
        return null;
      }
      if (e.prev !== prev) return "PREVIOUS_HASH";
      let bytes: Uint8Array;
      try {
        bytes = utf8(
          canonicalizeJson({ format: "dsure-chain-entry/1", issuer: e.issuer, contractNumber: e.contractNumber, seq: e.seq, kind: e.kind, at: e.at, prev: e.prev, data: e.data }),
        );
      } catch {
        return "MALFORMED";
      }
      result.hash = await sha256(bytes);
      const keyAt = (keyId: unknown) => {
        const key = issuerKeys.find((k) => k.keyId === keyId);
        if (!key) return "UNKNOWN_KEY" as const;
        const t = at.getTime();
        if ((key.validFrom !== null && t < key.validFrom) || (key.validTo !== null && t >= key.validTo)) return "KEY_NOT_VALID" as const;
        return key;
      };
      const key = keyAt(e.keyId);
      if (typeof key === "string") return key;
      if (!(await verifyEd25519(key.key, e.signature, bytes))) return "SIGNATURE";
      if (at.getTime() < lastAt) return "ORDER";
      lastAt = at.getTime();
      if (i === 0 && e.kind !== "VERSION") return "ORDER";
      if (cancelDate !== null && e.kind !== "KEY") return "ORDER";
      const data = (e.data ?? {}) as { version?: unknown; content?: unknown; contentHash?: unknown; signature?: { keyId?: unknown; value?: unknown }; cancelDate?: unknown };
      if (e.kind === "VERSION") {
        if (data.version !== versions + 1) return "ORDER";
        let content: Uint8Array;
        try {
          content = utf8(canonicalizeJson(data.content));
        } catch {
          return "MALFORMED";
        }
        if ((await sha256(content)) !== data.contentHash) return "CONTENT_HASH";
        const contentKey = keyAt(data.signature?.keyId);
        if (typeof contentKey === "string") return contentKey;
        if (!(await verifyEd25519(contentKey.key, data.signature?.value, content))) return "SIGNATURE";
        versions++;
      } else if (e.kind === "CANCEL") {
        if (typeof data.cancelDate !== "string") return "MALFORMED";
        cancelDate = data.cancelDate;
      } else if (e.kind !== "KEY") {
        return "MALFORMED";
      }
      return null;
    })();
    result.problem = problem;
    result.ok = problem === null;
    // The next entry links to this one's hash as computed (or, withheld, as given).
    prev = result.hash;
  }

  report.receipt = await checkFileReceipt(f.receipt, { trusted: trusted.registry, issuerCode, contractNumber, entries: report.entries });
  report.ok = report.entries.length > 0 && report.entries.every((e) => e.ok) && report.receipt.ok;
  report.certificate = report.ok ? { currentVersion: versions, cancelled: cancelDate !== null, cancelDate } : null;
  return report;
}

async function checkFileReceipt(
  raw: unknown,
  { trusted, issuerCode, contractNumber, entries }: { trusted: TrustedKey[]; issuerCode: string | null; contractNumber: string; entries: EntryResult[] },
): Promise<VerificationReport["receipt"]> {
  const signed = (raw ?? {}) as Partial<{ receipt: Record<string, unknown>; keyId: unknown; signature: unknown }>;
  const r = signed.receipt;
  const out: VerificationReport["receipt"] = { ok: false, problem: null, keyId: typeof signed.keyId === "string" ? signed.keyId : null, at: null, length: null, head: null };
  if (!r || typeof r !== "object" || r.format !== "dsure-receipt/1") return { ...out, problem: "MALFORMED" };
  out.at = typeof r.at === "string" ? r.at : null;
  out.length = typeof r.length === "number" ? r.length : null;
  out.head = typeof r.head === "string" ? r.head : null;
  const keys = (await Promise.all(trusted.map(importKey))).filter((k): k is ImportedKey => k !== null);
  const key = keys.find((k) => k.keyId === signed.keyId);
  if (!key) return { ...out, problem: "UNKNOWN_KEY" };
  let bytes: Uint8Array;
  try {
    bytes = utf8(canonicalizeJson(r));
  } catch {
    return { ...out, problem: "MALFORMED" };
  }
  if (!(await verifyEd25519(key.key, signed.signature, bytes))) return { ...out, problem: "SIGNATURE" };
  const last = entries[entries.length - 1];
  if (!last || r.issuer !== issuerCode || r.contractNumber !== contractNumber || r.length !== entries.length || r.seq !== last.seq || r.head !== last.hash || r.entryHash !== last.hash) {
    return { ...out, problem: "MISMATCH" };
  }
  return { ...out, ok: true };
}
