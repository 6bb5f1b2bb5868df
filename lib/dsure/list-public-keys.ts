import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";
import { dsureIssuers } from "./issuers";
import { registryKey } from "./registry-key";

export type PublicKeyJson = {
  issuer: string;
  issuerName: string;
  keyId: string;
  algorithm: "Ed25519";
  publicKeyPem: string;
  /** The same key as a JWK (RFC 8037 OKP), for clients that prefer it. */
  jwk: Jwk | null;
  validFrom: string | null;
  /** Exclusive: entries from this instant on are not valid with the key. */
  validTo: string | null;
};

/**
 * The keys D-Sure trusts, from its configuration (DSURE_ISSUERS, or our own issuer by default) — never from a table —
 * with the validity of each, so anyone can check a chain entry as D-Sure does.
 */
export function listPublicKeys(): PublicKeyJson[] {
  return dsureIssuers().flatMap((issuer) =>
    issuer.keys.map((k) => {
      return {
        issuer: issuer.code,
        issuerName: issuer.name,
        keyId: k.keyId,
        algorithm: "Ed25519" as const,
        publicKeyPem: k.publicKeyPem,
        jwk: k.parsed.key ? jwkOf(k.parsed.key) : null,
        validFrom: k.validFrom?.toISOString() ?? null,
        validTo: k.validTo?.toISOString() ?? null,
      };
    }),
  );
}

type Jwk = { kty: string; crv: string; x: string };

/** A public key as a JWK (RFC 8037 OKP), for clients that prefer it. */
function jwkOf(key: crypto.KeyObject): Jwk | null {
  const { kty, crv, x } = key.export({ format: "jwk" });
  return kty && crv && x ? { kty, crv, x } : null;
}

export type RegistryKeyJson = { name: string; keyId: string; algorithm: "Ed25519"; publicKeyPem: string; jwk: Jwk | null };

/** D-Sure's own key (its receipts), published beside the issuers' keys: what a surety pins as DSURE_PUBLIC_KEY. */
export function registryPublicKey(): RegistryKeyJson {
  const { keyId, publicKeyPem } = registryKey();
  return {
    name: env().DSURE_OPERATOR_NAME,
    keyId,
    algorithm: "Ed25519",
    publicKeyPem,
    jwk: jwkOf(crypto.createPublicKey(publicKeyPem)),
  };
}
