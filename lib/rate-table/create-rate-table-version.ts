import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { todayJst } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import { assertValidRateTable } from "@/lib/fee/assert-valid-rate-table";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { invalidateRateTableCache } from "./load-rate-tables";
import type { TCreateRateTable } from "./schemas";

/**
 * A new version of a 料率表, in force from its effective date. Versions are never edited or deleted: a fee stored at
 * conclusion keeps pointing at the table it came from. Rates are not changed retroactively, so the effective date
 * is today (JST) or later; one version per guarantee type and date.
 */
export async function createRateTableVersion({
  adminId,
  input,
  now = new Date(),
}: {
  adminId: string;
  input: TCreateRateTable;
  now?: Date;
}): Promise<{ id: string }> {
  assertValidRateTable({
    id: "new",
    name: input.name,
    guaranteeType: input.guaranteeType,
    effectiveFrom: input.effectiveFrom,
    roundingUnit: input.roundingUnit,
    roundingMode: input.roundingMode,
    minimumFee: input.minimumFee,
    bands: input.bands,
  });
  if (input.effectiveFrom < todayJst(now)) {
    throw new DomainError("VALIDATION", { field: "effectiveFrom", problems: ["effectiveFrom is in the past"] });
  }
  try {
    const created = await db.$transaction(async (tx) => {
      const admin = await loadActingStaff(tx, { staffId: adminId, roles: ["ADMIN"] });
      const row = await tx.rateTable.create({
        data: {
          guaranteeType: input.guaranteeType,
          name: input.name,
          isSample: input.isSample,
          effectiveFrom: new Date(`${input.effectiveFrom}T00:00:00Z`),
          roundingUnit: input.roundingUnit,
          roundingMode: input.roundingMode,
          minimumFee: input.minimumFee,
          createdById: admin.id,
          bands: {
            create: input.bands.map((b, ordinal) => ({
              ordinal,
              upTo: b.upTo === null ? null : BigInt(b.upTo),
              ratePpm: b.ratePpm,
              fixedFee: b.fixedFee ?? 0,
            })),
          },
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorType: "STAFF",
        actorId: admin.id,
        actorLabel: admin.staffId,
        action: "rate-table.create",
        entityType: "RateTable",
        entityId: row.id,
        before: null,
        after: input,
      });
      return row;
    });
    invalidateRateTableCache();
    return created;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new DomainError("CONFLICT", { field: "effectiveFrom" }, "a version with this type and date exists");
    }
    throw e;
  }
}
