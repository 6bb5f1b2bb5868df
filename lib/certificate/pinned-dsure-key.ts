import "server-only";
import crypto from "node:crypto";
import { env, EnvError } from "@/lib/env";

let derived: { from: string; pem: string } | undefined;

/**
 * D-Sure's receipt key as the surety trusts it: DSURE_PUBLIC_KEY, pinned in the surety's configuration. In the one-app
 * layout (unset) it is the public half of the D-Sure key this process holds. Never taken from D-Sure's answers.
 */
export function pinnedDsureKey(): string {
  const e = env();
  if (e.DSURE_PUBLIC_KEY) return e.DSURE_PUBLIC_KEY;
  const privateKeyPem = e.DSURE_SIGNING_PRIVATE_KEY;
  if (!privateKeyPem) throw new EnvError("設定に誤りがあります / Invalid configuration:\n  DSURE_PUBLIC_KEY: is required but not set");
  if (derived?.from !== privateKeyPem) {
    const pem = crypto.createPublicKey(crypto.createPrivateKey(privateKeyPem)).export({ type: "spki", format: "pem" }).toString();
    derived = { from: privateKeyPem, pem };
  }
  return derived.pem;
}
