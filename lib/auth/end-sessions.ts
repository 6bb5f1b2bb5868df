import "server-only";
import { isUuid } from "@/lib/guarantee-application/is-uuid";
import { db as appDb, type Db, type Tx } from "@/lib/db";
import type { SessionEndReason } from "@/lib/generated/prisma/enums";
import type { Principal } from "./authenticate";

/**
 * Ends sessions on the server: one (`sid`, at logout) or every live one of a user (a password change, 無効化). The
 * cookie may live on in a browser or a copy; the session check refuses it from now on, on every instance.
 * Returns how many sessions ended.
 */
export async function endSessions({
  db = appDb,
  which,
  reason,
  except,
  now = new Date(),
}: {
  db?: Db | Tx;
  which: { sid: string } | { kind: Principal["kind"]; userId: string };
  /** A session of the user that goes on (the one that enrolled a second factor). */
  except?: string | null;
  reason: SessionEndReason;
  now?: Date;
}): Promise<number> {
  if ("sid" in which && !isUuid(which.sid)) return 0;
  const where =
    "sid" in which
      ? { id: which.sid }
      : which.kind === "contractor"
        ? { contractorUserId: which.userId }
        : { staffUserId: which.userId };
  const { count } = await db.userSession.updateMany({ where: { ...where, endedAt: null, ...(except ? { NOT: { id: except } } : {}) }, data: { endedAt: now, endReason: reason } });
  return count;
}
