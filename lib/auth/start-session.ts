import "server-only";
import { db as appDb, type Db, type Tx } from "@/lib/db";
import type { Principal } from "./authenticate";
import { sessionExpiryOf } from "./session-lifetime";

export type StartedSession = { sid: string; expiresAt: Date };

/** A new server-side session for `principal` (a row of UserSession): its id goes into the session cookie. */
export async function startSession({
  db = appDb,
  principal,
  clientIp,
  now = new Date(),
}: {
  db?: Db | Tx;
  principal: Principal;
  clientIp?: string | null;
  now?: Date;
}): Promise<StartedSession> {
  const expiresAt = sessionExpiryOf(principal.kind, now);
  const row = await db.userSession.create({
    data: {
      ...(principal.kind === "contractor" ? { contractorUserId: principal.userId } : { staffUserId: principal.userId }),
      createdAt: now,
      expiresAt,
      clientIp: clientIp ?? null,
    },
    select: { id: true },
  });
  return { sid: row.id, expiresAt };
}
