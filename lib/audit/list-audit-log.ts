import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { nfkc } from "@/lib/normalize";

export const AUDIT_PAGE_SIZE = 50;

const text = z.preprocess(
  (v) => (typeof v === "string" ? nfkc(v).trim().slice(0, 100) || undefined : undefined),
  z.string().optional(),
);

/** The audit log screen's search parameters; anything unreadable is ignored. */
export const ZAuditLogFilterSchema = z.object({
  action: text,
  actor: text,
  entityId: text,
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1)),
});
export type TAuditLogFilter = z.infer<typeof ZAuditLogFilterSchema>;

/**
 * 監査ログ, newest first, a page at a time. Read only: the application has no update or delete path for AuditLog.
 * Only the ADMIN page calls it (it checks the role first).
 */
export async function listAuditLog({ filter }: { filter: TAuditLogFilter }) {
  const where = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.actor ? { actorLabel: filter.actor } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, id: r.id.toString() })),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}
