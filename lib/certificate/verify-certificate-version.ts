import "server-only";
import crypto from "node:crypto";
import { createLruCache } from "@/lib/cache/create-lru-cache";
import { canonicalizeJson } from "./canonical-json";
import { parsePublicKeyPem, verifyEd25519 } from "./signature";

export type VersionIntegrity = {
  /** The Ed25519 signature over the canonical JSON verifies with the stored public key. */
  signatureValid: boolean;
  /** The stored sha-256 matches the content as it is now. */
  contentHashValid: boolean;
  /** The key id names the public key it is stored with (ids are derived from the key itself). */
  keyIdValid: boolean;
  /** All three: only then is the version presented as genuine. */
  ok: boolean;
};

/**
 * Signatures already verified in this process: "<parsed public key's serial> <sha-256 of the canonical content as
 * read now> <signature>". An Ed25519 verification is a pure function of (message, signature, key), and the message is
 * named by its SHA-256 computed afresh on every check, so a hit is exactly as good as verifying again — a changed
 * snapshot, signature or key is a different entry and is verified for real. Only successes are kept.
 */
const verified = createLruCache<string, true>(20_000);

/**
 * Checks one stored 版 against its signature. Never throws: anything unreadable (a missing key, content that is not
 * canonical JSON, a malformed PEM) is simply not genuine.
 */
export function verifyCertificateVersion({
  content,
  contentHash,
  signature,
  signingKeyId,
  publicKeyPem,
}: {
  content: unknown;
  contentHash: string;
  signature: string;
  signingKeyId: string;
  publicKeyPem: string | null | undefined;
}): VersionIntegrity {
  let message: Buffer | null = null;
  let actualHash: string | null = null;
  try {
    message = Buffer.from(canonicalizeJson(content), "utf8");
    actualHash = crypto.createHash("sha256").update(message).digest("hex");
  } catch {
    message = null;
  }
  const contentHashValid = actualHash !== null && actualHash === contentHash;

  const publicKey = publicKeyPem ? parsePublicKeyPem(publicKeyPem) : null;
  const keyIdValid = !!publicKey?.keyId && publicKey.keyId === signingKeyId;

  let signatureValid = false;
  if (message && publicKey?.key && publicKey.ed25519) {
    const entry = `${publicKey.serial} ${actualHash} ${signature}`;
    if (verified.get(entry)) {
      signatureValid = true;
    } else {
      signatureValid = verifyEd25519(message, publicKey, signature);
      if (signatureValid) verified.set(entry, true);
    }
  }
  return { signatureValid, contentHashValid, keyIdValid, ok: signatureValid && contentHashValid && keyIdValid };
}
