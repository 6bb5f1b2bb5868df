import "server-only";
import crypto from "node:crypto";
import { canonicalizeJson, type JsonValue } from "./canonical-json";
import { createLruCache } from "@/lib/cache/create-lru-cache";

/** SHA-256 hex of the canonical JSON: stored beside each 版 so a changed snapshot is visible without the key. */
export function contentHashOf(content: JsonValue): string {
  return crypto.createHash("sha256").update(canonicalizeJson(content), "utf8").digest("hex");
}

/** Key id = first 16 hex digits of SHA-256 over the SPKI DER of the public key, so the id names the key itself. */
export function keyIdOf(publicKey: string | crypto.KeyObject): string {
  const key = typeof publicKey !== "string" && publicKey.type === "public" ? publicKey : crypto.createPublicKey(publicKey);
  const der = key.export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(der).digest("hex").slice(0, 16);
}

export type ParsedPublicKey = {
  /** Null when the PEM is not a public key at all. */
  key: crypto.KeyObject | null;
  /** keyIdOf(key), or null when there is no key. */
  keyId: string | null;
  ed25519: boolean;
  /** Unique per parse in this process: names this key in caches of results computed with it. */
  serial: number;
};

// Stored public keys are immutable and few: parse each PEM once per process (keyed by the PEM text itself).
const parsedPublicKeys = createLruCache<string, ParsedPublicKey>(64);
let parses = 0;

/** The public key a PEM holds, parsed once and cached; never throws. */
export function parsePublicKeyPem(publicKeyPem: string): ParsedPublicKey {
  let parsed = parsedPublicKeys.get(publicKeyPem);
  if (!parsed) {
    try {
      const key = crypto.createPublicKey(publicKeyPem);
      parsed = { key, keyId: keyIdOf(key), ed25519: key.asymmetricKeyType === "ed25519", serial: ++parses };
    } catch {
      parsed = { key: null, keyId: null, ed25519: false, serial: ++parses };
    }
    parsedPublicKeys.set(publicKeyPem, parsed);
  }
  return parsed;
}

/** The signature's 64 bytes, or null unless it is exactly their base64url spelling. */
export function decodeSignature(signature: string): Buffer | null {
  const sig = Buffer.from(signature, "base64url");
  // Node's base64url decoder skips stray characters; insist on the one exact spelling of the 64 bytes.
  return sig.length === 64 && sig.toString("base64url") === signature ? sig : null;
}

export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/**
 * Signs the canonical JSON of a certificate snapshot with Ed25519. `keyId`, if given, must be the id of this
 * private key's public half: a mismatch would store signatures that can never be checked against the right key.
 */
export function signCertificateContent({
  content,
  privateKeyPem,
  keyId,
}: {
  content: JsonValue;
  privateKeyPem: string;
  keyId?: string;
}): { signature: string; keyId: string; contentHash: string } {
  const privateKey = crypto.createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("certificate signing key must be Ed25519");
  const actualKeyId = keyIdOf(crypto.createPublicKey(privateKey));
  if (keyId !== undefined && keyId !== actualKeyId) {
    throw new Error(`signing key id ${keyId} does not match the private key (${actualKeyId})`);
  }
  const message = Buffer.from(canonicalizeJson(content), "utf8");
  return {
    signature: crypto.sign(null, message, privateKey).toString("base64url"),
    keyId: actualKeyId,
    contentHash: crypto.createHash("sha256").update(message).digest("hex"),
  };
}

/** False — never an exception — for a wrong key, an altered snapshot, or input that is not a signature at all. */
export function verifyCertificateSignature({
  content,
  signature,
  publicKeyPem,
}: {
  content: JsonValue;
  signature: string;
  publicKeyPem: string;
}): boolean {
  try {
    return verifyEd25519(Buffer.from(canonicalizeJson(content), "utf8"), parsePublicKeyPem(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/** Ed25519 over `message` with a parsed public key and a base64url signature; false for anything malformed. */
export function verifyEd25519(message: Buffer, publicKey: ParsedPublicKey, signature: string): boolean {
  if (!publicKey.key || !publicKey.ed25519) return false;
  const sig = decodeSignature(signature);
  if (!sig) return false;
  try {
    return crypto.verify(null, message, publicKey.key, sig);
  } catch {
    return false;
  }
}
