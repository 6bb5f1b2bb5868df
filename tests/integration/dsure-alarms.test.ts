import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { createDsureClient } from "@/lib/dsure/db";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { scanDsureAlarms, DSURE_ALARM_ADDRESSES } from "@/lib/dsure/scan-dsure-alarms";
import { answerIssuerQuery } from "@/lib/dsure/answer-issuer-query";
import { ourQuery } from "../support/issuer-query";

/** D-Sure's alarms on our numbers, as D-Sure answers our signed query. */
async function ourAlarms(now?: Date) {
  const r = await answerIssuerQuery({ body: ourQuery({ kind: "alarms", take: 100 }, { now }), db: dsure, now });
  if (!r.ok || r.answer.kind !== "alarms") throw new Error(JSON.stringify(r));
  return r.answer.alarms;
}
import { purgeDsureAccessLog } from "@/lib/dsure/purge-dsure-access-log";
import { seed } from "@/prisma/seed-lib";
import { createConcludedCertificate, type CertificateFixture } from "../support/certificate-fixtures";

const db = createPrismaClient(process.env.DATABASE_URL!, 3);
/** D-Sure's own client: its tables are not the surety's. */
const dsure = createDsureClient(process.env.DATABASE_URL!, 3);
const wrongKeyFor = (key: string) => (key.startsWith("A") ? "B" : "A") + key.slice(1);
const guess = (t: CertificateFixture, clientIp: string, authKey = wrongKeyFor(t.authKey)) =>
  lookupCertificate({ db: dsure, contractNumber: t.contractNumber, authKey, clientIp, userAgent: "attacker", channel: "API" });

beforeAll(async () => {
  await seed(db);
});

afterAll(async () => {
  await Promise.all([db.$disconnect(), dsure.$disconnect()]);
});

describe("D-Sure alarms", () => {
  it("raises one alarm (D-Sure's own record, nothing in the surety's audit log) for a number failing from many addresses; updates it while it goes on", async () => {
    const target = await createConcludedCertificate(db);
    const quiet = await createConcludedCertificate(db);
    for (let a = 1; a <= 6; a++) for (let i = 0; i < 2; i++) await guess(target, `203.0.113.${a}`);
    // Below the threshold: failures from fewer addresses (an official mistyping, an office behind one address).
    for (let a = 1; a < DSURE_ALARM_ADDRESSES; a++) await guess(quiet, `198.51.100.${a}`);

    expect(await scanDsureAlarms({ db: dsure })).toEqual([target.contractNumber]);
    const [alarm] = await dsure.dsureAlarm.findMany({ where: { contractNumber: target.contractNumber } });
    expect(alarm).toMatchObject({ failures: 12, addresses: 6 });
    expect(await db.auditLog.count({ where: { action: { startsWith: "dsure." } } })).toBe(0);
    expect(await dsure.dsureAlarm.count({ where: { contractNumber: quiet.contractNumber } })).toBe(0);

    // The attack goes on: the same alarm, brought up to date.
    for (let a = 7; a <= 9; a++) await guess(target, `203.0.113.${a}`);
    expect(await scanDsureAlarms({ db: dsure })).toEqual([]);
    expect(await dsure.dsureAlarm.findMany({ where: { contractNumber: target.contractNumber } })).toMatchObject([{ id: alarm!.id, failures: 15, addresses: 9 }]);

    const listed = await ourAlarms();
    expect(listed.find((a) => a.contractNumber === target.contractNumber)).toMatchObject({ active: true, failures: 15, addresses: 9 });
    // An hour and more of quiet later it is shown as ended.
    const later = await ourAlarms(new Date(Date.now() + 61 * 60_000));
    expect(later.find((a) => a.contractNumber === target.contractNumber)?.active).toBe(false);
  });

  it("runs once at a time on several instances: concurrent scans raise each alarm once", async () => {
    const target = await createConcludedCertificate(db);
    for (let a = 1; a <= DSURE_ALARM_ADDRESSES; a++) await guess(target, `192.0.2.${a}`);
    const other = createDsureClient(process.env.DATABASE_URL!, 2);
    try {
      const results = await Promise.all([scanDsureAlarms({ db: dsure }), scanDsureAlarms({ db: other }), scanDsureAlarms({ db: dsure })]);
      expect(results.flat().filter((n) => n === target.contractNumber)).toHaveLength(1);
    } finally {
      await other.$disconnect();
    }
    expect(await dsure.dsureAlarm.count({ where: { contractNumber: target.contractNumber } })).toBe(1);
  });
});

describe("D-Sure access-log retention", () => {
  it("deletes rows past the retention but keeps each certificate's first and last view; drops ended D-Sure counters only", async () => {
    const cert = await createConcludedCertificate(db);
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const row = (at: Date, outcome: "VIEW" | "NOT_FOUND") => ({
      at, channel: "PAGE" as const, outcome, contractNumber: cert.contractNumber, issuerCode: "nishi-nihon", clientIp: "192.0.2.99", userAgent: "old",
    });
    await dsure.dsureAccessLog.createMany({
      data: [row(daysAgo(500), "VIEW"), row(daysAgo(450), "VIEW"), row(daysAgo(420), "VIEW"), row(daysAgo(450), "NOT_FOUND"), row(daysAgo(10), "NOT_FOUND")],
    });
    await dsure.dsureThrottleCounter.createMany({
      data: [
        { key: "dsure:ip:192.0.2.98", windowStart: daysAgo(1), failures: 3 },
        { key: "dsure:ip:192.0.2.97", windowStart: now, failures: 1 },
      ],
    });
    await db.throttleCounter.create({ data: { key: "login:id:someone", windowStart: daysAgo(1), failures: 2 } });

    const purged = await purgeDsureAccessLog({ db: dsure, now, retentionDays: 400 });
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await dsure.dsureAccessLog.findMany({ where: { contractNumber: cert.contractNumber, userAgent: "old" }, orderBy: { at: "asc" } });
    expect(left.map((r) => [r.outcome, Math.round((now.getTime() - r.at.getTime()) / 86_400_000)])).toEqual([
      ["VIEW", 500],
      ["VIEW", 420],
      ["NOT_FOUND", 10],
    ]);
    const keys = (await dsure.dsureThrottleCounter.findMany({ where: { key: { in: ["dsure:ip:192.0.2.98", "dsure:ip:192.0.2.97"] } } })).map((k) => k.key);
    expect(keys).toEqual(["dsure:ip:192.0.2.97"]);
    // The surety's own counters are not D-Sure's to purge.
    expect(await db.throttleCounter.count({ where: { key: "login:id:someone" } })).toBe(1);
  });
});
