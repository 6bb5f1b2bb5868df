import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const key = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
const complete = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://u@db:5432/hosho",
  AUTH_SECRET: "x".repeat(40),
  AUTH_KEY_SECRET: crypto.randomBytes(32).toString("base64"),
  CERT_SIGNING_PRIVATE_KEY: key,
  DSURE_SIGNING_PRIVATE_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  SMTP_URL: "smtp://mail:587",
};

describe("configuration (lib/env.ts)", () => {
  it("accepts a complete production configuration", () => {
    const env = parseEnv(complete);
    expect(env.SESSION_IDLE_MINUTES).toBe(30);
    expect(env.MAIL_DISPATCHER).toBe("inline");
  });

  it("names every missing setting in production, and generates nothing", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(EnvError);
    try {
      parseEnv({ NODE_ENV: "production" });
    } catch (e) {
      const msg = (e as Error).message;
      for (const name of ["DATABASE_URL", "AUTH_SECRET", "AUTH_KEY_SECRET", "CERT_SIGNING_PRIVATE_KEY", "DSURE_SIGNING_PRIVATE_KEY"]) {
        expect(msg).toContain(`${name}: is required but not set`);
      }
      expect(msg).toContain("設定に誤りがあります");
    }
  });

  it("requires SMTP_URL in production", () => {
    const { SMTP_URL: _omit, ...rest } = complete;
    expect(() => parseEnv(rest)).toThrowError(/SMTP_URL: is required in production/);
  });

  it("explains a malformed value", () => {
    expect(() => parseEnv({ ...complete, AUTH_KEY_SECRET: "short" })).toThrowError(/AUTH_KEY_SECRET: must be 32 bytes/);
    expect(() => parseEnv({ ...complete, DATABASE_URL: "not a url" })).toThrowError(/DATABASE_URL:/);
    expect(() => parseEnv({ ...complete, CERT_SIGNING_PRIVATE_KEY: "abc" })).toThrowError(/must be a PEM PRIVATE KEY/);
  });

  it("treats empty values as unset", () => {
    expect(() => parseEnv({ ...complete, AUTH_SECRET: "" })).toThrowError(/AUTH_SECRET: is required but not set/);
  });
});
