/**
 * e-Net保証 and back-office login against a real database: the portals keep their own accounts, and failed logins
 * are slowed per address, per account and per account from one address, with counters every app instance shares
 * (here: two Prisma clients).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateContractor, authenticateStaff, LOGIN_RULES } from "@/lib/auth/authenticate";
import { createPrismaClient, db } from "@/lib/db";
import { takeAttempt } from "@/lib/rate-limit/take-attempt";
import { DEMO_PASSWORD } from "@/prisma/seed-lib";
import { seedDemo } from "./enet-fixtures";

// A second app instance: its own client and pool on the same database.
const otherInstance = createPrismaClient(process.env.DATABASE_URL!, 2);

beforeAll(async () => {
  await seedDemo(db);
});

afterAll(async () => {
  await otherInstance.$disconnect();
});

describe("who may log in where", () => {
  it("a contractor logs in to e-Net保証 with お客様ID and password, as a principal of its company", async () => {
    const r = await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, "192.0.2.1");
    expect(r.ok).toBe(true);
    if (r.ok) {
      const company = await db.contractorUser.findUniqueOrThrow({ where: { customerId: "demo-kensetsu" }, select: { companyId: true } });
      expect(r.principal).toMatchObject({ kind: "contractor", loginId: "demo-kensetsu", companyId: company.companyId });
    }
  });

  it("a staff id cannot log in to e-Net保証, and a contractor id cannot log in to the back office", async () => {
    expect(await authenticateContractor("staff-tanto", DEMO_PASSWORD, "192.0.2.2")).toEqual({ ok: false, reason: "INVALID" });
    expect(await authenticateStaff("demo-kensetsu", DEMO_PASSWORD, "192.0.2.2")).toEqual({ ok: false, reason: "INVALID" });
    const staff = await authenticateStaff("staff-tanto", DEMO_PASSWORD, "192.0.2.3");
    expect(staff.ok && staff.principal.kind).toBe("staff");
  });

  it("a wrong password and an unknown id fail the same way", async () => {
    expect(await authenticateContractor("demo-kensetsu", "wrong-password", "192.0.2.4")).toEqual({ ok: false, reason: "INVALID" });
    expect(await authenticateContractor("no-such-user", DEMO_PASSWORD, "192.0.2.4")).toEqual({ ok: false, reason: "INVALID" });
  });

  it("an id with a control character is refused like an unknown one (NUL would make the database query fail)", async () => {
    for (const id of ["demo-kensetsu\u0000", "\u0000", "demo\u001bkensetsu", "demo-kensetsu\u007f"]) {
      expect(await authenticateContractor(id, DEMO_PASSWORD, "192.0.2.6")).toEqual({ ok: false, reason: "INVALID" });
      expect(await authenticateStaff(id.replace("demo-kensetsu", "staff-tanto"), DEMO_PASSWORD, "192.0.2.7")).toEqual({ ok: false, reason: "INVALID" });
    }
    // Counted like any failure: against the client address.
    const [counter] = await db.throttleCounter.findMany({ where: { key: "login:enet:ip:192.0.2.6" } });
    expect(counter?.failures).toBe(4);
  });

  it("an account whose password was never set cannot log in", async () => {
    const kensetsu = await db.contractorUser.findUniqueOrThrow({ where: { customerId: "demo-kensetsu" } });
    await db.contractorUser.create({
      data: { companyId: kensetsu.companyId, customerId: "c0000001", name: "新規 利用者", email: "new@example.jp", passwordHash: null },
    });
    expect(await authenticateContractor("c0000001", "", "192.0.2.5")).toEqual({ ok: false, reason: "INVALID" });
    expect(await authenticateContractor("c0000001", "anything-at-all", "192.0.2.5")).toEqual({ ok: false, reason: "INVALID" });
  });
});

describe("failed logins: a growing delay per address, per account and per account from one address (LOGIN_RULES)", () => {
  it("one account from one address: five wrong passwords, then even the right one waits; from a clean address the owner gets in", async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < 5; i++) expect(await authenticateContractor("demo-doboku", `wrong-${i}`, ip)).toEqual({ ok: false, reason: "INVALID" });
    const right = await authenticateContractor("demo-doboku", DEMO_PASSWORD, ip);
    expect(right).toMatchObject({ ok: false, reason: "THROTTLED" });
    if (!right.ok && right.reason === "THROTTLED") {
      const seconds = (right.until.getTime() - Date.now()) / 1000;
      expect(seconds).toBeGreaterThan(25);
      expect(seconds).toBeLessThanOrEqual(30);
    }
    expect((await authenticateContractor("demo-doboku", DEMO_PASSWORD, "198.51.100.8")).ok).toBe(true);
  });

  it("the delay doubles with each further failure, up to 15 minutes, and a new window starts after an hour", async () => {
    const keys = [{ key: "test:growing", rule: LOGIN_RULES.accountFromAddress }];
    const t0 = Date.parse("2026-12-01T00:00:00Z");
    const delays: number[] = [];
    let at = t0;
    for (let i = 0; i < 12; i++) {
      const r = await takeAttempt({ keys, now: new Date(at) });
      expect(r.ok, `attempt ${i + 1}`).toBe(true);
      const until = r.ok ? r.ticket.counted[0]!.blockedUntil : null;
      delays.push(until ? (until.getTime() - at) / 1000 : 0);
      // A try before the delay has passed is refused (and not counted).
      if (until) expect((await takeAttempt({ keys, now: new Date(until.getTime() - 1) })).ok).toBe(false);
      at = until ? until.getTime() : at + 1000;
    }
    expect(delays).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    // An hour after the window began, counting starts again.
    const later = await takeAttempt({ keys, now: new Date(at + 60 * 60 * 1000) });
    expect(later.ok && later.counts["test:growing"]).toBe(1);
  });

  it("one address: twenty failures across ids, then it waits for every id; the owner from elsewhere gets in", async () => {
    for (let i = 0; i < 20; i++) await authenticateContractor(`guess-${i}`, "wrong-password", "203.0.113.9");
    expect(await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, "203.0.113.9")).toMatchObject({ ok: false, reason: "THROTTLED" });
    expect((await otherInstance.throttleCounter.findUniqueOrThrow({ where: { key: "login:enet:ip:203.0.113.9" } })).blockedUntil).toBeInstanceOf(Date);
    expect((await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, "203.0.113.10")).ok).toBe(true);
  });

  it("200 wrong passwords for staff-admin from rotating addresses: the right password from another address logs in at the first try", async () => {
    const results = [];
    for (let i = 0; i < 200; i++) results.push(await authenticateStaff("staff-admin", `wrong-${i}`, `100.64.${Math.floor(i / 250)}.${i % 250}`));
    expect(results.every((r) => !r.ok && r.reason === "INVALID")).toBe(true);
    expect((await authenticateStaff("staff-admin", DEMO_PASSWORD, "192.0.2.250")).ok).toBe(true);
    // The account is under attack: each attacking address has had its one try and now waits.
    expect(await authenticateStaff("staff-admin", "wrong-again", "100.64.0.199")).toMatchObject({ ok: false, reason: "THROTTLED" });
    expect(await db.throttleCounter.findUnique({ where: { key: "login:admin:id:staff-admin" } })).toMatchObject({ failures: 200, blockedUntil: null });
  });

  it("tries at once are counted before they are judged: of 30 parallel wrong passwords from one address, five are judged", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => authenticateContractor("demo-kensetsu", `parallel-${i}`, "198.51.100.77")));
    expect(results.filter((r) => !r.ok && r.reason === "INVALID")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "THROTTLED")).toHaveLength(25);
  });

  it("two instances count into one counter, also at once", async () => {
    const keys = [{ key: "test:two-instances", rule: LOGIN_RULES.accountFromAddress }];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => takeAttempt({ db: i % 2 ? otherInstance : db, keys })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect((await otherInstance.throttleCounter.findUniqueOrThrow({ where: { key: "test:two-instances" } })).failures).toBe(5);
  });

  it("a success takes its own count back and forgets the failures of that account from that address", async () => {
    const ip = "192.0.2.140";
    for (let i = 0; i < 4; i++) await authenticateContractor("demo-kensetsu", "wrong-password", ip);
    expect((await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, ip)).ok).toBe(true);
    expect(await db.throttleCounter.findUnique({ where: { key: "login:enet:pair:demo-kensetsu@192.0.2.140" } })).toBeNull();
    expect((await db.throttleCounter.findUniqueOrThrow({ where: { key: "login:enet:ip:192.0.2.140" } })).failures).toBe(4);
    for (let i = 0; i < 5; i++) expect(await authenticateContractor("demo-kensetsu", "wrong-password", ip)).toEqual({ ok: false, reason: "INVALID" });
  });
});
