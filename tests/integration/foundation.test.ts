import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { seed } from "@/prisma/seed-lib";

describe("foundation", () => {
  it("the migrated database is empty and usable", async () => {
    const db = createPrismaClient(process.env.DATABASE_URL!, 2);
    expect(await db.company.count()).toBe(0);
    await db.$disconnect();
  });

  it("running the seed twice leaves the same rows", async () => {
    const db = createPrismaClient(process.env.DATABASE_URL!, 2);
    const snapshot = async () => ({
      companies: await db.company.findMany({ orderBy: { name: "asc" } }),
      users: await db.contractorUser.findMany({ orderBy: { customerId: "asc" } }),
      staff: await db.staffUser.findMany({ orderBy: { staffId: "asc" } }),
      orderers: await db.orderer.findMany({ orderBy: { code: "asc" }, include: { departments: true, deliveryRule: true } }),
      rateTables: await db.rateTable.findMany({ orderBy: { guaranteeType: "asc" }, include: { bands: true } }),
    });
    await seed(db);
    const first = await snapshot();
    await seed(db);
    const second = await snapshot();
    expect(second).toEqual(first);
    expect(first.users.map((u) => u.customerId)).toEqual(["demo-doboku", "demo-kensetsu"]);
    expect(first.staff.map((s) => [s.staffId, s.role])).toEqual([
      ["staff-admin", "ADMIN"],
      ["staff-kanri", "ADMIN"],
      ["staff-shonin", "APPROVER"],
      ["staff-tanto", "REVIEWER"],
    ]);
    expect(first.users[0]!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(first.rateTables.filter((t) => t.isSample).every((t) => t.name.includes("サンプル料率"))).toBe(true);
    await db.$disconnect();
  });
});
