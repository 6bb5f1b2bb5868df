import "server-only";
import crypto from "node:crypto";
import { db as appDb, type Db } from "@/lib/db";

export type PublicKeyJson = {
  keyId: string;
  algorithm: string;
  publicKeyPem: string;
  /** The same key as a JWK (RFC 8037 OKP), for clients that prefer it; null if the stored PEM cannot be read. */
  jwk: { kty: string; crv: string; x: string } | null;
  createdAt: string;
  retiredAt: string | null;
};

/** Every certificate-signing key ever used, retired ones included, so any 版 can be checked independently. */
export async function listPublicKeys({ db = appDb }: { db?: Db } = {}): Promise<PublicKeyJson[]> {
  const rows = await db.signingKey.findMany({
    orderBy: [{ createdAt: "asc" }, { keyId: "asc" }],
    select: { keyId: true, algorithm: true, publicKeyPem: true, createdAt: true, retiredAt: true },
  });
  return rows.map((r) => {
    let jwk: PublicKeyJson["jwk"] = null;
    try {
      const exported = crypto.createPublicKey(r.publicKeyPem).export({ format: "jwk" });
      if (exported.kty && exported.crv && exported.x) jwk = { kty: exported.kty, crv: exported.crv, x: exported.x };
    } catch {
      jwk = null;
    }
    return {
      keyId: r.keyId,
      algorithm: r.algorithm,
      publicKeyPem: r.publicKeyPem,
      jwk,
      createdAt: r.createdAt.toISOString(),
      retiredAt: r.retiredAt?.toISOString() ?? null,
    };
  });
}
