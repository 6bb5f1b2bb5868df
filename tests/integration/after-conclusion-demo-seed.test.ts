/** The demo guarantees of DOMAIN.md §10 are made through the real domain functions, once. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_WORK_NAMES, seedDemoGuarantees } from "@/lib/demo/seed-demo-guarantees";
import { seed } from "@/prisma/seed-lib";

describe("seedDemoGuarantees", () => {
  it("gives demo-kensetsu a concluded 前払金保証 with 契約保証, a waiting and a returned application, and a 第2版 after 増額 — once", async () => {
    await seed(db);
    expect(await seedDemoGuarantees(db)).toEqual({ created: ["concluded", "waiting", "returned", "increased"] });
    expect(await seedDemoGuarantees(db)).toEqual({ created: [] });

    const app = (workName: string) =>
      db.guaranteeApplication.findFirstOrThrow({
        where: { workName },
        include: { contracts: { include: { versions: { orderBy: { version: "asc" } } } } },
      });
    const concluded = await app(DEMO_WORK_NAMES.concluded);
    expect(concluded.status).toBe("CONCLUDED");
    expect(concluded.contracts.map((c) => c.guaranteeType).sort()).toEqual(["ADVANCE_PAYMENT", "CONTRACT"]);
    expect((await app(DEMO_WORK_NAMES.waiting)).status).toBe("SUBMITTED");
    const returned = await app(DEMO_WORK_NAMES.returned);
    expect(returned.status).toBe("RETURNED");
    expect(returned.returnReason).toContain("工期");
    const increased = await app(DEMO_WORK_NAMES.increased);
    const contract = increased.contracts[0]!;
    expect(contract.currentVersion).toBe(2);
    expect(contract.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(contract.versions[1]!.changeSummary).toContain("増額");
    expect(await db.guaranteeContract.count({ where: { company: { users: { some: { customerId: "demo-kensetsu" } } } } })).toBe(3);
  });
});
