/**
 * e-Net保証 login against a real database: the portals keep their own accounts, and failed logins are throttled
 * per お客様ID and per client address with counters every app instance shares (here: two Prisma clients).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateContractor, authenticateStaff, LOGIN_THROTTLE } from "@/lib/auth/authenticate";
import { createPrismaClient, db } from "@/lib/db";
import { blockedUntil, recordFailure } from "@/lib/rate-limit/throttle";
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

describe("throttling failed logins (10 failures in 15 minutes → refused for 15 minutes)", () => {
  it("per お客様ID: after 10 failures even the right password is refused, and another instance sees the block", async () => {
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await authenticateContractor("demo-doboku", "wrong-password", `198.51.100.${i}`));
    expect(results.slice(0, 9).every((r) => !r.ok && r.reason === "INVALID")).toBe(true);
    expect(results[9]).toMatchObject({ ok: false, reason: "THROTTLED" });

    const right = await authenticateContractor("demo-doboku", DEMO_PASSWORD, "198.51.100.200");
    expect(right).toMatchObject({ ok: false, reason: "THROTTLED" });
    if (!right.ok && right.reason === "THROTTLED") {
      const minutes = (right.until.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);
    }
    expect(await blockedUntil(otherInstance, ["login:enet:id:demo-doboku"])).toBeInstanceOf(Date);
    // Other accounts from other addresses are not affected.
    expect((await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, "198.51.100.201")).ok).toBe(true);
  });

  it("per client address: 10 failures with different ids block that address for every id", async () => {
    for (let i = 0; i < 10; i++) await authenticateContractor(`guess-${i}`, "wrong-password", "203.0.113.9");
    expect(await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, "203.0.113.9")).toMatchObject({ ok: false, reason: "THROTTLED" });
    expect(await blockedUntil(otherInstance, ["login:enet:ip:203.0.113.9"])).toBeInstanceOf(Date);
  });

  it("failures recorded through two instances add up to one counter", async () => {
    const key = "login:enet:id:shared-counter";
    const blocks = [];
    for (let i = 0; i < 10; i++) blocks.push(await recordFailure(i % 2 === 0 ? db : otherInstance, key, LOGIN_THROTTLE));
    expect(blocks.slice(0, 9)).toEqual(Array(9).fill(null));
    expect(blocks[9]).toBeInstanceOf(Date);
    expect(await blockedUntil(db, [key])).toEqual(await blockedUntil(otherInstance, [key]));
  });

  it("concurrent failures from two instances are all counted (one atomic statement each)", async () => {
    const key = "login:enet:id:concurrent";
    await Promise.all(Array.from({ length: 10 }, (_, i) => recordFailure(i % 2 ? db : otherInstance, key, LOGIN_THROTTLE)));
    const row = await otherInstance.throttleCounter.findUniqueOrThrow({ where: { key } });
    expect(row.failures).toBe(10);
    expect(row.blockedUntil).toBeInstanceOf(Date);
  });

  it("a success before the limit forgets the failures of that お客様ID", async () => {
    for (let i = 0; i < 9; i++) await authenticateContractor("demo-kensetsu", "wrong-password", `192.0.2.${100 + i}`);
    expect((await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, "192.0.2.120")).ok).toBe(true);
    expect(await authenticateContractor("demo-kensetsu", "wrong-password", "192.0.2.121")).toEqual({ ok: false, reason: "INVALID" });
  });
});
