import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { ActorType } from "@/lib/generated/prisma/enums";

export interface AuditEntry {
  actorType: ActorType;
  actorId?: string | null;
  actorLabel?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_FIELDS = /^(authKey|key|password|passwordHash|token|tokenHash|ciphertext|keyHash)$/i;

/** JSON-safe copy without secrets (bigint → number, Date → ISO string). */
export function auditSafe(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(auditSafe);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!SECRET_FIELDS.test(k)) out[k] = auditSafe(v);
    }
    return out;
  }
  return value;
}

/** Appends one row to the audit log (there is no update or delete path for it anywhere in the app). */
export async function writeAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      actorLabel: entry.actorLabel ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: entry.before === undefined ? undefined : (auditSafe(entry.before) as object),
      after: entry.after === undefined ? undefined : (auditSafe(entry.after) as object),
    },
  });
}
