/**
 * The database and secrets both benchmarks (scripts/bench.ts, scripts/lookup-bench.ts) start from: secrets made for
 * this run only and put into process.env (production mode, mail off), the demo seed, and 1,000 bulk contracts with a
 * sample whose 認証キー is known.
 */
import crypto from "node:crypto";
import { bulkSeedContracts } from "./bulk-seed-contracts";

export async function prepareBenchDatabase(url: string, poolSize: number) {
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  const secrets = {
    DATABASE_URL: url,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AUTH_KEY_SECRET: crypto.randomBytes(32).toString("base64"),
    CERT_SIGNING_PRIVATE_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    DSURE_SIGNING_PRIVATE_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    SMTP_URL: "smtp://127.0.0.1:9",
    MAIL_DISPATCHER: "off",
  };
  Object.assign(process.env, secrets, { NODE_ENV: "production" });
  const { authKeyKeys, resetEnvForTests } = await import("../../lib/env");
  resetEnvForTests();
  const keys = authKeyKeys();
  const { createPrismaClient } = await import("../../lib/db");
  const { seed } = await import("../../prisma/seed-lib");
  const db = createPrismaClient(url, poolSize);
  await seed(db);
  const seeded = await bulkSeedContracts({
    url, count: 1_000, privateKeyPem: secrets.CERT_SIGNING_PRIVATE_KEY, encryptionKey: keys.encryptionKey, hmacKey: keys.hmacKey, sampleEvery: 97,
  });
  return { db, keys, secrets, seeded, sample: seeded.samples[3]! };
}
