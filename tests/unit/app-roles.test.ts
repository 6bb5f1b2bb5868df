import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { appRoles, hostsRole, roleOfPath } from "@/lib/app-roles";
import { EnvError, parseEnv } from "@/lib/env";
import { issuersFromEnv } from "@/lib/dsure/issuers";

const complete = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://u@db:5432/hosho",
  AUTH_SECRET: "x".repeat(40),
  AUTH_KEY_SECRET: crypto.randomBytes(32).toString("base64"),
  CERT_SIGNING_PRIVATE_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  DSURE_SIGNING_PRIVATE_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  SMTP_URL: "smtp://mail:587",
};

const dsurePublicKey = crypto.createPublicKey(complete.DSURE_SIGNING_PRIVATE_KEY).export({ type: "spki", format: "pem" }).toString();

describe("what a process serves (APP_ROLES)", () => {
  it("serves both parties unless told otherwise, and either alone when told", () => {
    expect(appRoles(undefined)).toEqual(["surety", "dsure"]);
    expect(appRoles("dsure")).toEqual(["dsure"]);
    expect(appRoles(" surety , surety")).toEqual(["surety"]);
    expect(hostsRole("dsure", "surety")).toBe(false);
    expect(hostsRole("surety", "surety,dsure")).toBe(true);
  });

  it("refuses a role it does not know at start, in plain words", () => {
    expect(() => parseEnv({ ...complete, APP_ROLES: "surety,registry" })).toThrowError(/APP_ROLES: must name surety and\/or dsure/);
    expect(() => parseEnv({ ...complete, APP_ROLES: "," })).toThrowError(EnvError);
  });

  it("a surety app without D-Sure must be told where D-Sure is (DSURE_URL); D-Sure alone needs no SMTP server", () => {
    expect(() => parseEnv({ ...complete, APP_ROLES: "surety" })).toThrowError(/DSURE_URL: is required when APP_ROLES does not include dsure/);
    // …and whose receipts it trusts (DSURE_PUBLIC_KEY, pinned): it holds no D-Sure secret to derive it from.
    const { DSURE_SIGNING_PRIVATE_KEY: _dsureKey, ...suretyOnly } = complete;
    expect(() => parseEnv({ ...suretyOnly, APP_ROLES: "surety", DSURE_URL: "https://dsure.example.jp" })).toThrowError(/DSURE_PUBLIC_KEY: is required when APP_ROLES does not include dsure/);
    expect(parseEnv({ ...suretyOnly, APP_ROLES: "surety", DSURE_URL: "https://dsure.example.jp", DSURE_PUBLIC_KEY: dsurePublicKey }).APP_ROLES).toEqual(["surety"]);
    const { SMTP_URL: _smtp, ...noSmtp } = complete;
    expect(parseEnv({ ...noSmtp, APP_ROLES: "dsure" }).APP_ROLES).toEqual(["dsure"]);
    expect(() => parseEnv(noSmtp)).toThrowError(/SMTP_URL/);
  });

  it("D-Sure alone holds none of the surety's secrets, and must be told whom it trusts (DSURE_ISSUERS)", () => {
    // D-Sure's own key (its receipts) is required where D-Sure runs.
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: complete.DATABASE_URL, APP_ROLES: "dsure" })).toThrowError(/DSURE_SIGNING_PRIVATE_KEY: is required but not set/);
    const alone = parseEnv({ NODE_ENV: "production", DATABASE_URL: complete.DATABASE_URL, APP_ROLES: "dsure", DSURE_SIGNING_PRIVATE_KEY: complete.DSURE_SIGNING_PRIVATE_KEY });
    expect([alone.AUTH_SECRET, alone.AUTH_KEY_SECRET, alone.CERT_SIGNING_PRIVATE_KEY]).toEqual([undefined, undefined, undefined]);
    expect(() => issuersFromEnv(alone)).toThrowError(/DSURE_ISSUERS: is required where D-Sure runs without the surety/);
    // The surety's app without them is refused at start, each named.
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: complete.DATABASE_URL, SMTP_URL: complete.SMTP_URL })).toThrowError(
      /AUTH_SECRET: is required but not set\n  AUTH_KEY_SECRET: is required but not set\n  CERT_SIGNING_PRIVATE_KEY: is required but not set\n  DSURE_SIGNING_PRIVATE_KEY: is required but not set/,
    );
  });

  it("knows whose each portal is", () => {
    expect(["/dsure", "/dsure/abc", "/api/dsure/v1/lookup", "/api/dsure/v1/registrations"].map(roleOfPath)).toEqual(["dsure", "dsure", "dsure", "dsure"]);
    expect(["/enet", "/enet/certificates", "/admin", "/admin/contracts", "/api/enet/certificates/x", "/api/auth/session", "/dev/mailbox"].map(roleOfPath)).toEqual(
      Array(7).fill("surety"),
    );
    expect(["/", "/api/health", "/favicon.ico", "/dsurex", "/enetwork"].map(roleOfPath)).toEqual([null, null, null, null, null]);
  });
});
