import "server-only";
import { isUuid } from "@/lib/guarantee-application/is-uuid";
import { db } from "@/lib/db";
import type { StaffRole } from "@/lib/generated/prisma/enums";

export type LiveContractorSession = { companyId: string };
/** secondFactor: whether the staff member has confirmed 二段階認証. */
export type LiveStaffSession = { role: StaffRole; secondFactor: boolean };

/**
 * The session check of every e-Net保証 and back-office request: one indexed statement that finds the session live
 * (not ended, before its absolute end by the database clock) and its user active. Null otherwise.
 */
export async function findLiveContractorSession({ sid, userId }: { sid: string; userId: string }): Promise<LiveContractorSession | null> {
  if (!isUuid(sid) || !isUuid(userId)) return null;
  const rows = await db.$queryRaw<LiveContractorSession[]>`
    SELECT u."companyId"::text AS "companyId"
    FROM "UserSession" s JOIN "ContractorUser" u ON u."id" = s."contractorUserId"
    WHERE s."id" = ${sid}::uuid AND u."id" = ${userId}::uuid
      AND s."endedAt" IS NULL AND s."expiresAt" > now() AND u."active"`;
  return rows[0] ?? null;
}

/** The same for staff: the live session's user, with the role as it is now (not as it was at login). */
export async function findLiveStaffSession({ sid, userId }: { sid: string; userId: string }): Promise<LiveStaffSession | null> {
  if (!isUuid(sid) || !isUuid(userId)) return null;
  const rows = await db.$queryRaw<LiveStaffSession[]>`
    SELECT u."role"::text AS "role", u."totpEnabledAt" IS NOT NULL AS "secondFactor"
    FROM "UserSession" s JOIN "StaffUser" u ON u."id" = s."staffUserId"
    WHERE s."id" = ${sid}::uuid AND u."id" = ${userId}::uuid
      AND s."endedAt" IS NULL AND s."expiresAt" > now() AND u."active"`;
  return rows[0] ?? null;
}
