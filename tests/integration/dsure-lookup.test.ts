import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { createPrismaClient } from "@/lib/db";
import { createDsureClient, type DsureDb } from "@/lib/dsure/db";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { DSURE_LIMITS } from "@/lib/dsure/limits";
import { formatContractNumber } from "@/lib/contract-number/format-contract-number";
import { certificateJson, lookupResponse } from "@/lib/dsure/lookup-response";
import { answerIssuerQuery } from "@/lib/dsure/answer-issuer-query";
import { ourQuery } from "../support/issuer-query";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate, tamperWithCertificate, type CertificateFixture } from "../support/certificate-fixtures";
import { issueAuthKey } from "@/lib/auth-key/issue-auth-key";

// Two Prisma clients on one database: two app instances sharing Postgres.
const instanceA = createPrismaClient(process.env.DATABASE_URL!, 3);
const instanceB = createPrismaClient(process.env.DATABASE_URL!, 3);
// D-Sure's side of the same two instances: its own clients (its own tables).
const dsureA = createDsureClient(process.env.DATABASE_URL!, 3);
const dsureB = createDsureClient(process.env.DATABASE_URL!, 3);

const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z-]/g, (c) => (c === "-" ? "－" : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

/** A wrong key of the right shape (never equal to the real one). */
const wrongKeyFor = (key: string) => (key.startsWith("A") ? "B" : "A") + key.slice(1);

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

function lookup(db: DsureDb, contractNumber: string, authKey: string, clientIp = freshIp()) {
  return lookupCertificate({ db, contractNumber, authKey, clientIp, userAgent: "vitest", channel: "PAGE" });
}

let cert: CertificateFixture;

beforeAll(async () => {
  await seed(instanceA);
  cert = await createConcludedCertificate(instanceA);
});

afterAll(async () => {
  await Promise.all([instanceA, instanceB, dsureA, dsureB].map((c) => c.$disconnect()));
});

describe("D-Sure look-up", () => {
  it("shows the certificate for the number and key typed with full-width digits, spaces and lower case", async () => {
    const typedNumber = toFullWidth(cert.contractNumber).replace("－", " ー ");
    const typedKey = ` ${cert.authKeyFormatted.toLowerCase()} `;
    const r = await lookup(dsureA, typedNumber, typedKey);

    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.view.contractNumber).toBe(cert.contractNumber);
    expect(r.view.displayStatus).toBe("VALID");
    expect(r.view.integrityOk).toBe(true);
    expect(r.view.current.version).toBe(1);
    expect(r.view.current.signature.keyId).toBe(cert.signingKey.keyId);
    expect((r.view.current.content as { work: { name: string } }).work.name).toBe(cert.workName);
  });

  it("answers an unknown number and a wrong key alike", async () => {
    const other = await createConcludedCertificate(instanceA);
    // An unused number with a valid check digit: the next sequence after `other`.
    const [year, seq] = other.contractNumber.split("-");
    const { formatContractNumber } = await import("@/lib/contract-number/format-contract-number");
    const unknown = formatContractNumber({ fiscalYear: Number(year), sequence: Number(seq) + 1000 });

    expect(await lookup(dsureA, unknown, other.authKey)).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(await lookup(dsureA, other.contractNumber, wrongKeyFor(other.authKey))).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("never closes a number to a client that has not failed: 40 failures from 40 addresses, then the right key opens it", async () => {
    const target = await createConcludedCertificate(instanceA);
    for (let i = 0; i < 40; i++) {
      const r = await lookup(i % 2 ? dsureA : dsureB, target.contractNumber, wrongKeyFor(target.authKey));
      expect(r).toEqual({ ok: false, reason: "NOT_FOUND" });
    }
    expect((await lookup(dsureB, target.contractNumber, target.authKey)).ok).toBe(true);
    expect((await lookup(dsureA, target.contractNumber, target.authKey)).ok).toBe(true);
  });

  it("refuses one address for one number after 5 failures on every instance, even with the right key, for the rest of the window", async () => {
    const target = await createConcludedCertificate(instanceA);
    const ip = freshIp();
    for (let i = 0; i < DSURE_LIMITS.pair; i++) {
      expect(await lookup(i % 2 ? dsureA : dsureB, target.contractNumber, wrongKeyFor(target.authKey), ip)).toEqual({ ok: false, reason: "NOT_FOUND" });
    }
    const refused = await lookup(dsureB, target.contractNumber, target.authKey, ip);
    if (refused.ok || refused.reason !== "THROTTLED") throw new Error(`expected THROTTLED, got ${JSON.stringify(refused)}`);
    const minutes = (refused.until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // The same address may still look up other numbers; another address may look up this one.
    expect((await lookup(dsureA, cert.contractNumber, cert.authKey, ip)).ok).toBe(true);
    expect((await lookup(dsureA, target.contractNumber, target.authKey)).ok).toBe(true);
    // After the window, the address is judged again.
    const later = new Date(Date.now() + DSURE_LIMITS.windowMs + 1000);
    const again = await lookupCertificate({ db: dsureA, contractNumber: target.contractNumber, authKey: target.authKey, clientIp: ip, userAgent: "vitest", channel: "PAGE", now: later });
    expect(again.ok).toBe(true);
  });

  it("judges no more wrong keys sent in parallel from one address than the limit allows, on two instances at once", async () => {
    const target = await createConcludedCertificate(instanceA);
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => lookup(i % 2 ? dsureA : dsureB, target.contractNumber, wrongKeyFor(target.authKey), ip)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "NOT_FOUND")).toHaveLength(DSURE_LIMITS.pair);
    expect(results.filter((r) => !r.ok && r.reason === "THROTTLED")).toHaveLength(20 - DSURE_LIMITS.pair);

    // Spread over 40 numbers (no pair limit reached), the client limit holds the same way.
    const ip2 = freshIp();
    const [year, seq] = target.contractNumber.split("-");
    const numbers = Array.from({ length: 40 }, (_, i) => formatContractNumber({ fiscalYear: Number(year), sequence: Number(seq) + 5000 + i }));
    const spread = await Promise.all(numbers.map((n, i) => lookup(i % 2 ? dsureA : dsureB, n, target.authKey, ip2)));
    expect(spread.filter((r) => !r.ok && r.reason === "NOT_FOUND")).toHaveLength(DSURE_LIMITS.client);
    expect(spread.filter((r) => !r.ok && r.reason === "THROTTLED")).toHaveLength(40 - DSURE_LIMITS.client);
  });

  it("judges a right key sent among parallel wrong ones only inside the limit", async () => {
    const target = await createConcludedCertificate(instanceA);
    const ip = freshIp();
    // 39 wrong keys on other numbers, then the right key, all at once: whether the right one is judged depends only
    // on how many failures were counted before it, never on winning a race.
    const [year, seq] = target.contractNumber.split("-");
    const calls = Array.from({ length: 39 }, (_, i) =>
      lookup(i % 2 ? dsureA : dsureB, formatContractNumber({ fiscalYear: Number(year), sequence: Number(seq) + 7000 + i }), target.authKey, ip),
    );
    calls.push(lookup(dsureA, target.contractNumber, target.authKey, ip));
    const results = await Promise.all(calls);
    const judgedFailures = results.filter((r) => !r.ok && r.reason === "NOT_FOUND").length;
    expect(judgedFailures).toBe(DSURE_LIMITS.client);
    const rows = await dsureA.dsureAccessLog.findMany({ where: { clientIp: ip }, orderBy: { id: "asc" }, select: { outcome: true } });
    expect(rows).toHaveLength(40);
    // However the 40 interleaved, the right key was judged (a VIEW) only if fewer than 30 failures came before it.
    const right = results[39]!;
    const counter = await dsureA.dsureThrottleCounter.findUniqueOrThrow({ where: { key: `dsure:ip:${ip}` } });
    expect(counter.failures).toBe(39);
    expect(right.ok || (!right.ok && right.reason === "THROTTLED")).toBe(true);
  });

  it("counts a mistyped check digit against the address, never against the number", async () => {
    const target = await createConcludedCertificate(instanceA);
    const badCheck = target.contractNumber.slice(0, -1) + String((Number(target.contractNumber.slice(-1)) + 1) % 10);
    const ip = freshIp();
    for (let i = 0; i < 40; i++) {
      expect(await lookup(dsureA, badCheck, target.authKey, ip)).toEqual({ ok: false, reason: "BAD_NUMBER", detail: "CHECK_DIGIT" });
    }
    expect(await dsureA.dsureThrottleCounter.count({ where: { key: { contains: target.contractNumber } } })).toBe(0);
    expect((await dsureA.dsureThrottleCounter.findUniqueOrThrow({ where: { key: `dsure:ip:${ip}` } })).failures).toBe(40);
    expect(await lookup(dsureB, target.contractNumber, target.authKey, ip)).toMatchObject({ ok: false, reason: "THROTTLED" });
    expect((await lookup(dsureB, target.contractNumber, target.authKey)).ok).toBe(true);
    const logged = await dsureA.dsureAccessLog.count({ where: { outcome: "BAD_FORMAT", contractNumber: badCheck } });
    expect(logged).toBe(40);
  });

  it("refuses one client address after 30 failures, whatever number it tries next", async () => {
    const ip = freshIp();
    const targets: CertificateFixture[] = [];
    for (let i = 0; i < 8; i++) targets.push(await createConcludedCertificate(instanceA));
    for (let i = 0; i < DSURE_LIMITS.client; i++) {
      const t = targets[i % targets.length]!; // at most 4 per number: below the pair limit
      expect(await lookup(i % 2 ? dsureA : dsureB, t.contractNumber, wrongKeyFor(t.authKey), ip)).toEqual({
        ok: false,
        reason: "NOT_FOUND",
      });
    }
    const refused = await lookup(dsureB, cert.contractNumber, cert.authKey, ip);
    expect(refused).toMatchObject({ ok: false, reason: "THROTTLED" });
    // Another address may still look these numbers up.
    expect((await lookup(dsureB, targets[0]!.contractNumber, targets[0]!.authKey)).ok).toBe(true);
  });

  it("counts an IPv6 client by its /64", async () => {
    const target = await createConcludedCertificate(instanceA);
    for (let i = 0; i < DSURE_LIMITS.pair; i++) {
      await lookup(dsureA, target.contractNumber, wrongKeyFor(target.authKey), `2001:db8:5:6::${(i + 1).toString(16)}`);
    }
    expect(await lookup(dsureA, target.contractNumber, target.authKey, "2001:db8:5:6:ffff::1")).toMatchObject({ ok: false, reason: "THROTTLED" });
    expect((await lookup(dsureA, target.contractNumber, target.authKey, "2001:db8:5:7::1")).ok).toBe(true);
  });

  it("stops accepting a replaced key as soon as D-Sure has the new one (the chain names the key in force)", async () => {
    const target = await createConcludedCertificate(instanceA);
    await instanceA.$transaction((tx) => issueAuthKey(tx, { contractId: target.contractId }));
    await drainCertificateRegistrations({ db: instanceA });
    expect(await lookup(dsureA, target.contractNumber, target.authKey)).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("does not open a paper certificate", async () => {
    const target = await createConcludedCertificate(instanceA, { deliveryMethod: "PAPER" });
    expect(await lookup(dsureA, target.contractNumber, target.authKey)).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("says 解約 for a cancelled guarantee and 保証期間満了 once the period has ended", async () => {
    const cancelled = await createConcludedCertificate(instanceA, { status: "CANCELLED" });
    const expired = await createConcludedCertificate(instanceA, { guaranteePeriod: { from: "2024-12-10", to: "2025-03-31" } });
    const c = await lookup(dsureA, cancelled.contractNumber, cancelled.authKey);
    const e = await lookup(dsureA, expired.contractNumber, expired.authKey);
    expect(c.ok && c.view.displayStatus).toBe("CANCELLED");
    expect(e.ok && e.view.displayStatus).toBe("EXPIRED");
  });

  it("shows the current version with the whole history of versions", async () => {
    const target = await createConcludedCertificate(instanceA, { versions: 3 });
    const r = await lookup(dsureA, target.contractNumber, target.authKey);
    if (!r.ok) throw new Error("lookup failed");
    expect(r.view.current.version).toBe(3);
    expect(r.view.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(r.view.versions[1]!.changeSummary).toContain("増額");
    expect(r.view.integrityOk).toBe(true);
  });

  it("reports 改ざんの疑い instead of 有効 when a stored version no longer matches its signature", async () => {
    const target = await createConcludedCertificate(instanceA, { versions: 2 });
    await tamperWithCertificate(dsureA, {
      contractNumber: target.contractNumber,
      version: 2,
      change: (c) => {
        (c.guarantee as { amount: number }).amount += 1;
      },
    });
    const r = await lookup(dsureA, target.contractNumber, target.authKey);
    // Nothing of the certificate is shown, only that and why.
    expect(r).toEqual({ ok: false, reason: "TAMPERED", contractNumber: target.contractNumber, problem: "SIGNATURE", seq: 3 });

    // An old version altered is caught too.
    const older = await createConcludedCertificate(instanceA, { versions: 2 });
    await tamperWithCertificate(dsureA, { contractNumber: older.contractNumber, version: 1, change: (c) => void (c.workName = "別の工事") });
    const r2 = await lookup(dsureA, older.contractNumber, older.authKey);
    expect(r2).toMatchObject({ ok: false, reason: "TAMPERED", problem: "SIGNATURE", seq: 1 });
  });

  it("catches tampering after the same certificate was viewed (and its verified 版 remembered) in this process", async () => {
    const target = await createConcludedCertificate(instanceA, { versions: 2 });
    for (let i = 0; i < 2; i++) {
      const ok = await lookup(dsureA, target.contractNumber, target.authKey);
      expect(ok.ok && ok.view.displayStatus).toBe("VALID");
    }
    await tamperWithCertificate(dsureA, { contractNumber: target.contractNumber, version: 1, change: (c) => void (c.workName = "別の工事") });
    const after = await lookup(dsureA, target.contractNumber, target.authKey);
    expect(after).toMatchObject({ ok: false, reason: "TAMPERED", problem: "SIGNATURE", seq: 1 });
    // …and through another client (another pool; the remembered chains are per process).
    const viaB = await lookup(dsureB, target.contractNumber, target.authKey);
    expect(viaB).toMatchObject({ ok: false, reason: "TAMPERED", problem: "SIGNATURE", seq: 1 });
  });

  it("answers the API's JSON byte for byte as certificateJson describes it (the 版 are written from a cache)", async () => {
    const target = await createConcludedCertificate(instanceA, { versions: 3 });
    const now = new Date();
    for (let i = 0; i < 2; i++) {
      const r = await lookup(dsureA, target.contractNumber, target.authKey);
      if (!r.ok) throw new Error("lookup failed");
      expect(await lookupResponse(r, now).text()).toBe(JSON.stringify(certificateJson(r.view, now)));
    }
  });

  it("logs every view and failure with number, address and user agent, and records the orderer's views for the receipt", async () => {
    const target = await createConcludedCertificate(instanceA);
    const receiptOf = async (db: DsureDb) => {
      const r = await answerIssuerQuery({ body: ourQuery({ kind: "views", contractNumbers: [target.contractNumber] }), db });
      if (!r.ok || r.answer.kind !== "views") throw new Error(JSON.stringify(r));
      return r.answer.receipts;
    };
    expect(await receiptOf(dsureA)).toEqual([{ contractNumber: target.contractNumber, firstViewedAt: null, lastViewedAt: null }]);

    await lookup(dsureA, target.contractNumber, wrongKeyFor(target.authKey), "203.0.113.77");
    await lookup(dsureA, target.contractNumber, target.authKey, "203.0.113.77");
    await lookup(dsureB, target.contractNumber, target.authKey, "203.0.113.78");

    const rows = await dsureA.dsureAccessLog.findMany({ where: { contractNumber: target.contractNumber }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.outcome, r.contractNumber, r.clientIp, r.userAgent, r.channel])).toEqual([
      ["NOT_FOUND", target.contractNumber, "203.0.113.77", "vitest", "PAGE"],
      ["VIEW", target.contractNumber, "203.0.113.77", "vitest", "PAGE"],
      ["VIEW", target.contractNumber, "203.0.113.78", "vitest", "PAGE"],
    ]);
    expect(await receiptOf(dsureB)).toEqual([
      { contractNumber: target.contractNumber, firstViewedAt: rows[1]!.at.toISOString(), lastViewedAt: rows[2]!.at.toISOString() },
    ]);
  });

  it("answers concurrent look-ups on two instances each on its own, and logs every one (statements are shared under load)", async () => {
    const targets: CertificateFixture[] = [];
    for (let i = 0; i < 3; i++) targets.push(await createConcludedCertificate(instanceA));
    const ip = "203.0.113.200";
    const calls = Array.from({ length: 36 }, (_, i) => {
      const t = targets[i % targets.length]!;
      const db = i % 2 ? dsureA : dsureB;
      const kind = (["ok", "wrongKey", "badKey", "ok"] as const)[i % 4];
      const key = kind === "ok" ? t.authKey : kind === "wrongKey" ? wrongKeyFor(t.authKey) : "x";
      return { t, kind, promise: lookupCertificate({ db, contractNumber: t.contractNumber, authKey: key, clientIp: ip, userAgent: `ua-${i}`, channel: "API" }) };
    });
    const results = await Promise.all(calls.map((c) => c.promise));
    results.forEach((r, i) => {
      const { t, kind } = calls[i]!;
      if (kind === "ok") expect(r.ok && r.view.contractNumber).toBe(t.contractNumber);
      else expect(r).toEqual(kind === "badKey" ? { ok: false, reason: "BAD_KEY" } : { ok: false, reason: "NOT_FOUND" });
    });
    const rows = await dsureA.dsureAccessLog.findMany({ where: { clientIp: ip } });
    expect(rows).toHaveLength(calls.length);
    const byAgent = new Map(rows.map((r) => [r.userAgent, r]));
    calls.forEach(({ t, kind }, i) => {
      const row = byAgent.get(`ua-${i}`)!;
      expect(row).toMatchObject({
        channel: "API",
        contractNumber: t.contractNumber,
        issuerCode: kind === "badKey" ? null : "nishi-nihon",
        outcome: kind === "ok" ? "VIEW" : kind === "badKey" ? "BAD_FORMAT" : "NOT_FOUND",
      });
    });
  });

  it("never writes a key into the access log, the audit log or the outbox", async () => {
    const target = await createConcludedCertificate(instanceA);
    // A key pasted into the number field, and the key itself in every spelling.
    await lookup(dsureA, target.authKeyFormatted, target.authKey);
    await lookup(dsureA, target.contractNumber, target.authKeyFormatted.toLowerCase());
    await lookup(dsureA, target.contractNumber, wrongKeyFor(target.authKey));

    const all = JSON.stringify({
      access: await dsureA.dsureAccessLog.findMany(),
      audit: await instanceA.auditLog.findMany(),
      mail: await instanceA.mailOutbox.findMany(),
      throttle: await dsureA.dsureThrottleCounter.findMany(),
    }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    const compact = all.toUpperCase().replace(/[^0-9A-Z]/g, "");
    for (const c of [cert, target]) {
      expect(compact).not.toContain(c.authKey);
      expect(compact).not.toContain(wrongKeyFor(c.authKey));
    }
  });
});
