import "server-only";
import crypto from "node:crypto";
import { canonicalizeJson, type JsonValue } from "./canonical-json";

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
    const publicKey = crypto.createPublicKey(publicKeyPem);
    if (publicKey.asymmetricKeyType !== "ed25519") return false;
    const sig = Buffer.from(signature, "base64url");
    // Node's base64url decoder skips stray characters; insist on the one exact spelling of the 64 bytes.
    if (sig.length !== 64 || sig.toString("base64url") !== signature) return false;
    return crypto.verify(null, Buffer.from(canonicalizeJson(content), "utf8"), publicKey, sig);
  } catch {
    return false;
  }
}
