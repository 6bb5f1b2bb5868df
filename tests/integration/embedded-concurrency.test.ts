import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { seed } from "@/prisma/seed-lib";

describe("many connections on one database (the embedded engine multiplexes them onto one session)", () => {
  it("concurrent queries of different shapes from two clients never see each other's statements or portals", async () => {
    const a = createPrismaClient(process.env.DATABASE_URL!, 8);
    const b = createPrismaClient(process.env.DATABASE_URL!, 8);
    await seed(a);
    const errors: string[] = [];
    const work = Array.from({ length: 300 }, async (_, i) => {
      const c = i % 2 ? a : b;
      try {
        switch (i % 5) {
          case 0: {
            const r = await c.orderer.findUnique({
              where: { code: "kagoshima-city" },
              select: { departments: { where: { active: true }, take: 20, select: { id: true } } },
            });
            expect(r?.departments.length).toBeGreaterThan(0);
            break;
          }
          case 1:
            expect(await c.$queryRaw<{ v: number }[]>`SELECT ${i}::int AS v`).toEqual([{ v: i }]);
            break;
          case 2:
            await c.throttleCounter.upsert({ where: { key: `k${i % 7}` }, update: { failures: { increment: 1 } }, create: { key: `k${i % 7}`, windowStart: new Date(), failures: 1 } });
            break;
          case 3:
            await c.$transaction(async (tx) => {
              await tx.auditLog.create({ data: { actorType: "SYSTEM", action: "probe", entityType: "probe", entityId: String(i) } });
              expect(await tx.auditLog.count({ where: { entityId: String(i) } })).toBe(1);
            }, { maxWait: 60_000, timeout: 60_000 }); // one session: transactions wait their turn
            break;
          default:
            expect((await c.staffUser.findMany({ where: { active: true }, take: 2 })).length).toBe(2);
        }
      } catch (e) {
        errors.push(String(e).slice(0, 200));
      }
    });
    await Promise.all(work);
    expect(errors).toEqual([]);
    expect(await a.auditLog.count({ where: { action: "probe" } })).toBe(60);
    await a.$disconnect();
    await b.$disconnect();
  });
});
