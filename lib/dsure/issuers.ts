import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { z } from "zod";
import { env, EnvError, type Env } from "@/lib/env";
import { keyIdOf, parsePublicKeyPem, type ParsedPublicKey } from "@/lib/certificate/signature";
import { DEMO_ISSUER, demoIssuerPrivateKeyPem } from "@/lib/demo/demo-issuer";

/**
 * The issuers D-Sure trusts, and only from configuration: a chain entry verifies only with a key listed here, valid at
 * the entry's time. Keys found in the database are never a trust anchor (a writer of the database could add one).
 *
 * DSURE_ISSUERS (JSON) or DSURE_ISSUERS_FILE (a file holding the same JSON):
 *   [{ "code": "nishi-nihon", "name": "西日本建設業保証株式会社",
 *      "keys": [{ "publicKeyPem": "-----BEGIN PUBLIC KEY-----…", "validFrom": "2024-12-01T00:00:00Z", "validTo": null }] }]
 * `keyId`, if given, must be the key's own id (keyIdOf); `validFrom` / `validTo` (ISO instants, `validTo` exclusive)
 * may be null for "since ever" / "until further notice". Unset: one issuer, our own (SURETY_ISSUER_CODE, SURETY_NAME),
 * with the public half of CERT_SIGNING_PRIVATE_KEY valid without limit — so the single-app layout needs no setting —
 * and, outside production, the demo second surety 東日本建設業保証 (lib/demo/demo-issuer.ts) whose certificates the seed
 * registers.
 */
const ZInstant = z.iso.datetime({ offset: true }).nullable().default(null);

const ZIssuerKeySchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  publicKeyPem: z.string().includes("-----BEGIN PUBLIC KEY-----", { message: "must be a PEM PUBLIC KEY" }),
  validFrom: ZInstant,
  validTo: ZInstant,
});

export const ZDsureIssuersSchema = z
  .array(
    z.object({
      code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,31}$/, "must be 2–32 characters of a-z, 0-9 and -"),
      name: z.string().min(1),
      keys: z.array(ZIssuerKeySchema).min(1),
    }),
  )
  .min(1)
  .refine((list) => new Set(list.map((i) => i.code)).size === list.length, "issuer codes must be unique");

export type IssuerKey = {
  keyId: string;
  publicKeyPem: string;
  parsed: ParsedPublicKey;
  validFrom: Date | null;
  /** Exclusive. */
  validTo: Date | null;
};

export type DsureIssuer = { code: string; name: string; keys: IssuerKey[] };

function parseIssuers(json: string, origin: string): DsureIssuer[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new EnvError(`設定に誤りがあります / Invalid configuration:\n  ${origin}: is not JSON`);
  }
  const parsed = ZDsureIssuersSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${origin}${i.path.map((p) => `[${JSON.stringify(p)}]`).join("")}: ${i.message}`);
    throw new EnvError(`設定に誤りがあります / Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data.map((issuer, i) => ({
    code: issuer.code,
    name: issuer.name,
    keys: issuer.keys.map((k, j) => {
      const parsedKey = parsePublicKeyPem(k.publicKeyPem);
      if (!parsedKey.key || !parsedKey.ed25519 || !parsedKey.keyId) {
        throw new EnvError(`設定に誤りがあります / Invalid configuration:\n  ${origin}[${i}].keys[${j}]: is not an Ed25519 public key`);
      }
      if (k.keyId !== undefined && k.keyId !== parsedKey.keyId) {
        throw new EnvError(`設定に誤りがあります / Invalid configuration:\n  ${origin}[${i}].keys[${j}].keyId: is not this key's id (${parsedKey.keyId})`);
      }
      const validFrom = k.validFrom === null ? null : new Date(k.validFrom);
      const validTo = k.validTo === null ? null : new Date(k.validTo);
      if (validFrom && validTo && validTo <= validFrom) {
        throw new EnvError(`設定に誤りがあります / Invalid configuration:\n  ${origin}[${i}].keys[${j}]: validTo must be after validFrom`);
      }
      return { keyId: parsedKey.keyId, publicKeyPem: k.publicKeyPem, parsed: parsedKey, validFrom, validTo };
    }),
  }));
}

/** The issuers a configuration names (exported for tests; the app uses dsureIssuers()). */
export function issuersFromEnv(
  e: Pick<Env, "DSURE_ISSUERS" | "DSURE_ISSUERS_FILE" | "CERT_SIGNING_PRIVATE_KEY" | "SURETY_ISSUER_CODE" | "SURETY_NAME" | "NODE_ENV" | "AUTH_KEY_SECRET">,
): DsureIssuer[] {
  if (e.DSURE_ISSUERS) return parseIssuers(e.DSURE_ISSUERS, "DSURE_ISSUERS");
  if (e.DSURE_ISSUERS_FILE) {
    let text: string;
    try {
      text = fs.readFileSync(e.DSURE_ISSUERS_FILE, "utf8");
    } catch {
      throw new EnvError(`設定に誤りがあります / Invalid configuration:\n  DSURE_ISSUERS_FILE: cannot read ${e.DSURE_ISSUERS_FILE}`);
    }
    return parseIssuers(text, "DSURE_ISSUERS_FILE");
  }
  if (!e.CERT_SIGNING_PRIVATE_KEY) {
    // D-Sure alone holds no issuer's private key: it must be told whom it trusts.
    throw new EnvError("設定に誤りがあります / Invalid configuration:\n  DSURE_ISSUERS: is required where D-Sure runs without the surety (APP_ROLES=dsure)");
  }
  const ours = { code: e.SURETY_ISSUER_CODE, name: e.SURETY_NAME, keys: [unlimitedKeyOf(e.CERT_SIGNING_PRIVATE_KEY)] };
  if (e.NODE_ENV === "production" || e.SURETY_ISSUER_CODE === DEMO_ISSUER.code || !e.AUTH_KEY_SECRET) return [ours];
  return [ours, { ...DEMO_ISSUER, keys: [unlimitedKeyOf(demoIssuerPrivateKeyPem(e.AUTH_KEY_SECRET))] }];
}

/** The public half of a private key, trusted without a validity limit (the default configuration). */
function unlimitedKeyOf(privateKeyPem: string): IssuerKey {
  const publicKey = crypto.createPublicKey(crypto.createPrivateKey(privateKeyPem));
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return { keyId: keyIdOf(publicKey), publicKeyPem, parsed: parsePublicKeyPem(publicKeyPem), validFrom: null, validTo: null };
}

let cached: { source: Env; issuers: DsureIssuer[] } | undefined;

/** The configured issuers, read once per settings object (validated at start by instrumentation.ts). */
export function dsureIssuers(): DsureIssuer[] {
  const source = env();
  if (cached?.source !== source) cached = { source, issuers: issuersFromEnv(source) };
  return cached.issuers;
}

/** The key `keyId` of `issuerCode`, if configured and valid at `at` ("unknown" / "not valid then" otherwise). */
export function issuerKeyAt(
  issuers: readonly DsureIssuer[],
  { issuerCode, keyId, at }: { issuerCode: string; keyId: string; at: Date },
): { ok: true; key: IssuerKey } | { ok: false; problem: "UNKNOWN_KEY" | "KEY_NOT_VALID" } {
  const key = issuers.find((i) => i.code === issuerCode)?.keys.find((k) => k.keyId === keyId);
  if (!key) return { ok: false, problem: "UNKNOWN_KEY" };
  if ((key.validFrom && at < key.validFrom) || (key.validTo && at >= key.validTo)) return { ok: false, problem: "KEY_NOT_VALID" };
  return { ok: true, key };
}
