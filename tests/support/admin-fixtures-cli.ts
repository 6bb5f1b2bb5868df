/**
 * Back-office fixtures for the e2e specs (tests/e2e/admin-*.spec.ts spawn it), run in a tsx process with the e2e
 * server's DATABASE_URL and secrets. Prints one JSON line.
 */
import { db } from "../../lib/db";
import { authKeyKeys } from "../../lib/env";
import { decryptAuthKey } from "../../lib/auth-key/encrypt-auth-key";
import { createSubmittedApplication, type SubmittedApplicationOptions } from "./admin-fixtures";

const fixtures: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  /** A submitted application (status SUBMITTED, every field set). */
  async submittedApplication(args) {
    return createSubmittedApplication(db, args as SubmittedApplicationOptions);
  },
  /**
   * The live 認証キー of an application's contracts, decrypted — only so a spec can prove that no mail carries it.
   * (The key is never printed anywhere else.)
   */
  async liveAuthKeys(args) {
    const keys = await db.authKey.findMany({
      where: { revokedAt: null, contract: { applicationId: String(args.applicationId) } },
      select: { ciphertext: true },
    });
    const { encryptionKey } = authKeyKeys();
    return keys.map((k) => decryptAuthKey(k.ciphertext, encryptionKey));
  },
};

async function main() {
  const [name, rawArgs] = process.argv.slice(2);
  const fixture = name ? fixtures[name] : undefined;
  if (!fixture) throw new Error(`unknown fixture ${name}; known: ${Object.keys(fixtures).join(", ")}`);
  const result = await fixture(rawArgs ? JSON.parse(rawArgs) : {});
  console.log(JSON.stringify(result ?? null));
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
