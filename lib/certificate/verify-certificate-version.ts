import "server-only";
import type { JsonValue } from "./canonical-json";
import { contentHashOf, keyIdOf, verifyCertificateSignature } from "./signature";

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
  const signatureValid = !!publicKeyPem && verifyCertificateSignature({ content: content as JsonValue, signature, publicKeyPem });
  let contentHashValid = false;
  try {
    contentHashValid = contentHashOf(content as JsonValue) === contentHash;
  } catch {
    contentHashValid = false;
  }
  let keyIdValid = false;
  try {
    keyIdValid = !!publicKeyPem && keyIdOf(publicKeyPem) === signingKeyId;
  } catch {
    keyIdValid = false;
  }
  return { signatureValid, contentHashValid, keyIdValid, ok: signatureValid && contentHashValid && keyIdValid };
}
