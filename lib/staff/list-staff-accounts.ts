import "server-only";
import { db } from "@/lib/db";

/** The 職員アカウント page's data: every account, and the grants waiting for a second システム管理者. */
export async function listStaffAccounts() {
  const [staff, pendingGrants] = await Promise.all([
    db.staffUser.findMany({
      orderBy: [{ active: "desc" }, { staffId: "asc" }],
      select: { id: true, staffId: true, name: true, email: true, role: true, active: true, lastLoginAt: true, passwordHash: true, totpEnabledAt: true },
    }),
    db.staffRoleGrant.findMany({
      where: { status: "PENDING" },
      orderBy: { requestedAt: "asc" },
      select: {
        id: true,
        fromRole: true,
        toRole: true,
        requestedAt: true,
        staffUserId: true,
        requestedById: true,
        staffUser: { select: { staffId: true, name: true } },
        requestedBy: { select: { staffId: true, name: true } },
      },
    }),
  ]);
  return {
    // Whether a password is set, never the hash.
    staff: staff.map(({ passwordHash, ...s }) => ({ ...s, passwordSet: passwordHash !== null })),
    pendingGrants,
  };
}
