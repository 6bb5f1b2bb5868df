import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { appRoles, ZAppRolesSchema } from "./app-roles";

/**
 * Every setting of the app, validated once. In development, secrets that are not given are generated once into
 * `.data/secrets.json` (so sessions, keys and signatures survive restarts); in production they are required.
 */
const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64 (openssl rand -base64 32)");

const pem = (kind: string) =>
  z.string().refine((v) => v.includes(`-----BEGIN ${kind}-----`), `must be a PEM ${kind}`);

const ZEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  // The surety's secrets: required wherever the surety's app runs (APP_ROLES), not in a D-Sure-only process.
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_KEY_SECRET: base64Key32.optional(), // 認証キー: AES-256-GCM and HMAC keys are derived from it (HKDF)
  CERT_SIGNING_PRIVATE_KEY: pem("PRIVATE KEY").optional(), // Ed25519, PKCS#8 PEM
  /** D-Sure's own key (Ed25519, PKCS#8 PEM): it signs the receipts D-Sure gives for what it registers. D-Sure's secret. */
  DSURE_SIGNING_PRIVATE_KEY: pem("PRIVATE KEY").optional(),
  /**
   * D-Sure's receipt key as the surety pins it (Ed25519 public key, PEM). Required where the surety runs apart from
   * D-Sure; unset in the one-app layout, where it is the public half of DSURE_SIGNING_PRIVATE_KEY.
   */
  DSURE_PUBLIC_KEY: pem("PUBLIC KEY").optional(),
  PUBLIC_BASE_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().url().optional(),
  SMTP_TLS_REJECT_UNAUTHORIZED: z.enum(["true", "false"]).default("true"),
  MAIL_FROM: z.string().min(3).default("電子保証 <no-reply@denshi-hosho.example.jp>"),
  MAIL_DISPATCHER: z.enum(["inline", "off"]).default("inline"),
  SURETY_NAME: z.string().min(1).default("西日本建設業保証株式会社"),
  /** The surety's issuer code at D-Sure: names its certificates' chains and its entry in DSURE_ISSUERS. */
  SURETY_ISSUER_CODE: z.string().regex(/^[a-z0-9][a-z0-9-]{1,31}$/, "must be 2–32 characters of a-z, 0-9 and -").default("nishi-nihon"),
  /** D-Sure's trusted issuers as JSON (lib/dsure/issuers.ts); unset: our own issuer, from CERT_SIGNING_PRIVATE_KEY. */
  DSURE_ISSUERS: z.string().optional(),
  /**
   * D-Sure's base URL when it runs apart from the surety's app: registrations are then sent to
   * {DSURE_URL}/api/dsure/v1/registrations. Unset: D-Sure runs in this app and registrations stay in-process.
   */
  DSURE_URL: z.string().url().optional(),
  /**
   * D-Sure's own database (docs/decisions/011). Unset: D-Sure's tables live in the schema `dsure` of DATABASE_URL's
   * database. Either way they are D-Sure's alone, with their own migrations (prisma/dsure/migrations).
   */
  DSURE_DATABASE_URL: z.string().url().optional(),
  /** The same, from a file (DSURE_ISSUERS wins when both are set). */
  DSURE_ISSUERS_FILE: z.string().optional(),
  /** Who runs D-Sure, as D-Sure's pages name it (not the surety: D-Sure is a registry shared by several sureties). */
  DSURE_OPERATOR_NAME: z.string().min(1).default("日本電子認証株式会社"),
  /** What this process serves: surety, dsure, or both (lib/app-roles.ts). */
  APP_ROLES: ZAppRolesSchema,
  /** How often 照合 (what we registered at D-Sure against what it serves) runs by schedule; 0: never. */
  RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** D-Sure access-log rows older than this are deleted (each certificate's first and last view are kept). */
  DSURE_ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  /** Mail bodies (text, html) are emptied this long after delivery; the outbox keeps to, subject, status and times. */
  MAIL_BODY_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 3650).default(24 * 30),
});

export type Env = z.infer<typeof ZEnvSchema>;

export class EnvError extends Error {}

const SURETY_SECRET_NAMES = ["AUTH_SECRET", "AUTH_KEY_SECRET", "CERT_SIGNING_PRIVATE_KEY"] as const;
const DSURE_SECRET_NAMES = ["DSURE_SIGNING_PRIVATE_KEY"] as const;
const DEV_SECRET_NAMES = [...SURETY_SECRET_NAMES, ...DSURE_SECRET_NAMES] as const;

const ed25519Pem = () => crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();

function generateDevSecrets(): Record<(typeof DEV_SECRET_NAMES)[number], string> {
  return {
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AUTH_KEY_SECRET: crypto.randomBytes(32).toString("base64"),
    CERT_SIGNING_PRIVATE_KEY: ed25519Pem(),
    DSURE_SIGNING_PRIVATE_KEY: ed25519Pem(),
  };
}

/** Development only: the generated secrets, created once under .data/. */
export function devSecrets(dataDir = path.join(process.cwd(), ".data")): Record<string, string> {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) {
    const held = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
    if (DEV_SECRET_NAMES.every((n) => held[n])) return held;
    // A file from before a secret was added: the new one is added, the ones it holds are kept.
    const completed = { ...generateDevSecrets(), ...held };
    fs.writeFileSync(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
    return completed;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets = generateDevSecrets();
  try {
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
    return secrets;
  } catch {
    return JSON.parse(fs.readFileSync(file, "utf8")); // another process wrote it first
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const input = { ...source };
  for (const k of Object.keys(input)) if (input[k] === "") delete input[k];
  const production = input.NODE_ENV === "production";
  if (!production) {
    const missing = DEV_SECRET_NAMES.filter((n) => !input[n]);
    if (missing.length) Object.assign(input, Object.fromEntries(missing.map((n) => [n, devSecrets()[n]])));
  }
  const parsed = ZEnvSchema.safeParse(input);
  // The surety's secrets are required wherever the surety's app runs (appRoles reads APP_ROLES as the schema does).
  const roles = appRoles(input.APP_ROLES);
  const missingSecrets = [
    ...(roles.includes("surety") ? SURETY_SECRET_NAMES.filter((n) => !input[n]) : []),
    ...(roles.includes("dsure") ? DSURE_SECRET_NAMES.filter((n) => !input[n]) : []),
  ];
  if (!parsed.success || missingSecrets.length) {
    const lines = (parsed.success ? [] : parsed.error.issues).map((i) => {
      const name = String(i.path[0] ?? "");
      return input[name] === undefined ? `  ${name}: is required but not set` : `  ${name}: ${i.message}`;
    });
    for (const n of missingSecrets) if (!lines.some((l) => l.startsWith(`  ${n}:`))) lines.push(`  ${n}: is required but not set`);
    throw new EnvError(`設定に誤りがあります / Invalid configuration:\n${lines.join("\n")}`);
  }
  if (parsed.data.APP_ROLES.includes("surety") && !parsed.data.APP_ROLES.includes("dsure") && !parsed.data.DSURE_URL) {
    throw new EnvError(
      "設定に誤りがあります / Invalid configuration:\n  DSURE_URL: is required when APP_ROLES does not include dsure (where the surety registers its certificates)",
    );
  }
  if (parsed.data.APP_ROLES.includes("surety") && !parsed.data.APP_ROLES.includes("dsure") && !parsed.data.DSURE_PUBLIC_KEY) {
    throw new EnvError(
      "設定に誤りがあります / Invalid configuration:\n  DSURE_PUBLIC_KEY: is required when APP_ROLES does not include dsure (D-Sure's receipt key, pinned by the surety)",
    );
  }
  if (production && parsed.data.APP_ROLES.includes("surety") && !parsed.data.SMTP_URL) {
    throw new EnvError("設定に誤りがあります / Invalid configuration:\n  SMTP_URL: is required in production");
  }
  return parsed.data;
}

let cached: Env | undefined;

/** The validated settings (read on first use; a test may call resetEnvForTests after changing process.env). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function resetEnvForTests() {
  cached = undefined;
}

let derivedAuthKeyKeys: { secret: string; keys: { encryptionKey: Buffer; hmacKey: Buffer } } | undefined;

function requiredSecret(name: (typeof DEV_SECRET_NAMES)[number]): string {
  const value = env()[name];
  if (!value) throw new EnvError(`設定に誤りがあります / Invalid configuration:\n  ${name}: is required but not set`);
  return value;
}

/**
 * One of the surety's secrets, for the surety's code: env() has checked at start that a process serving the surety has
 * them all, so a missing one here is a process that does not serve the surety reaching into its code.
 */
export const suretySecret = (name: (typeof SURETY_SECRET_NAMES)[number]): string => requiredSecret(name);

/** One of D-Sure's secrets, for D-Sure's code (checked at start where D-Sure runs, as suretySecret is for the surety). */
export const dsureSecret = (name: (typeof DSURE_SECRET_NAMES)[number]): string => requiredSecret(name);

/** The key that seals the staff's TOTP secrets (StaffUser.totpSecret), derived from AUTH_KEY_SECRET for this use alone. */
export function secondFactorKey(): Buffer {
  const secret = Buffer.from(suretySecret("AUTH_KEY_SECRET"), "base64");
  return Buffer.from(crypto.hkdfSync("sha256", secret, Buffer.alloc(0), "staff-totp/aes-256-gcm/v1", 32));
}

/** Keys derived from AUTH_KEY_SECRET, kept apart so one never serves two purposes (derived once per secret). */
export function authKeyKeys(): { encryptionKey: Buffer; hmacKey: Buffer } {
  const secretText = suretySecret("AUTH_KEY_SECRET");
  if (derivedAuthKeyKeys?.secret !== secretText) {
    const secret = Buffer.from(secretText, "base64");
    const derive = (info: string) => Buffer.from(crypto.hkdfSync("sha256", secret, Buffer.alloc(0), info, 32));
    derivedAuthKeyKeys = { secret: secretText, keys: { encryptionKey: derive("auth-key/aes-256-gcm/v1"), hmacKey: derive("auth-key/hmac-sha256/v1") } };
  }
  // Copies: a caller that changes its Buffer must not change the next caller's key.
  const { encryptionKey, hmacKey } = derivedAuthKeyKeys.keys;
  return { encryptionKey: Buffer.from(encryptionKey), hmacKey: Buffer.from(hmacKey) };
}
