import "server-only";
import { db as appDb, type Db } from "@/lib/db";

/**
 * The back office's view of 照合: the newest finished run with its findings (the alarm staff act on), the run in
 * progress if any, and the runs before. A finding names its certificate and what differs.
 */
export async function getReconciliationOverview({ db = appDb, take = 10 }: { db?: Db; take?: number } = {}) {
  const runs = await db.reconciliationRun.findMany({
    orderBy: { startedAt: "desc" },
    take,
    select: { id: true, trigger: true, startedAt: true, finishedAt: true, certificates: true, discrepancies: true, error: true },
  });
  const latest = runs.find((r) => r.finishedAt) ?? null;
  const running = runs.find((r) => !r.finishedAt) ?? null;
  const findings = latest
    ? await db.reconciliationFinding.findMany({
        where: { runId: latest.id },
        orderBy: { contractNumber: "asc" },
        select: { id: true, contractId: true, contractNumber: true, kind: true, seq: true, expected: true, actual: true },
      })
    : [];
  return {
    latest,
    running,
    runs,
    findings: findings.map((f) => ({
      ...f,
      expected: f.expected as { length: number; hash: string | null; receiptAt: string | null },
      actual: f.actual as { length: number; hash: string | null; problem: string | null },
    })),
  };
}

/** The alarm on the back office's home page: the newest finished 照合's findings, if any. */
export async function countOpenReconciliationFindings({ db = appDb }: { db?: Db } = {}): Promise<number> {
  const latest = await db.reconciliationRun.findFirst({ where: { finishedAt: { not: null } }, orderBy: { startedAt: "desc" }, select: { discrepancies: true } });
  return latest?.discrepancies ?? 0;
}
