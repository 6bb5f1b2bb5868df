import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReconciliationTrigger } from "@/lib/generated/prisma/enums";
import { db as appDb, type Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { DomainError } from "@/lib/errors";
import { loadActingStaff } from "@/lib/review/load-acting-staff";
import { askDsure } from "@/lib/certificate/ask-dsure";
import type { RegistrationClient } from "@/lib/certificate/create-registration-client";
import { compareChain, type ChainDifference, type OurEntry } from "./compare-chain";

/** A run that has not finished within this time is taken to have died (its process stopped); another may start. */
export const RECONCILIATION_STALE_MS = 30 * 60_000;

/** Certificates asked of D-Sure in one query (its limit is 500). */
const BATCH = 200;

export type ReconciliationOutcome =
  | { ran: true; runId: string; certificates: number; discrepancies: number; findings: (ChainDifference & { contractNumber: string })[]; error: string | null }
  /** Another 照合 is running (on this or another instance). */
  | { ran: false };

type OurCertificate = { contractId: string; contractNumber: string; entries: OurEntry[] };

/**
 * 照合: compares, for every certificate we have registered entries of, what we registered — and hold D-Sure's signed
 * receipts for — with what D-Sure serves now (a signed `chains` query through the registration interface), and records
 * each certificate where they differ (compareChain) as a finding of the run: a rollback of D-Sure's copy, a deleted
 * entry, a fork, an entry we never sent, a chain that fails its own check. Findings are the alarm staff see (the back
 * office's 照合 screen and its home page) and are audited with the run. One run at a time across every instance
 * (an advisory lock and the runs table); `staffId` when a staff member starts it from the screen (APPROVER, ADMIN).
 */
export async function reconcileWithDsure({
  trigger,
  staffId,
  db = appDb,
  connection,
  now = () => new Date(),
}: {
  trigger: ReconciliationTrigger;
  staffId?: string;
  db?: Db;
  connection?: RegistrationClient;
  now?: () => Date;
}): Promise<ReconciliationOutcome> {
  const started = await db.$transaction(async (tx) => {
    const staff = staffId ? await loadActingStaff(tx, { staffId, roles: ["APPROVER", "ADMIN"] }) : null;
    if (trigger === "SCREEN" && !staff) throw new DomainError("FORBIDDEN");
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('reconciliation'))::text`;
    const running = await tx.reconciliationRun.findFirst({
      where: { finishedAt: null, startedAt: { gt: new Date(now().getTime() - RECONCILIATION_STALE_MS) } },
      select: { id: true },
    });
    if (running) return null;
    const run = await tx.reconciliationRun.create({ data: { trigger, actorId: staff?.id ?? null, startedAt: now() }, select: { id: true } });
    return { runId: run.id, staff };
  });
  if (!started) return { ran: false };
  const { runId, staff } = started;

  const findings: (ChainDifference & { contractNumber: string })[] = [];
  let certificates = 0;
  let error: string | null = null;
  let after = "";
  try {
    for (;;) {
      const batch = await db.$queryRaw<OurCertificate[]>`
        SELECT r."contractId"::text AS "contractId", r."contractNumber",
               json_agg(json_build_object('seq', r.seq, 'hash', r.hash, 'registered', r.status = 'REGISTERED',
                                          'receiptAt', r.receipt->'receipt'->>'at') ORDER BY r.seq) AS "entries"
        FROM "CertificateRegistration" r
        WHERE r."contractNumber" > ${after}
        GROUP BY r."contractId", r."contractNumber"
        ORDER BY r."contractNumber"
        LIMIT ${BATCH}::int`;
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.contractNumber;
      const answer = await askDsure({ query: { kind: "chains", contractNumbers: batch.map((c) => c.contractNumber) }, connection, now: now() });
      if (!answer) {
        error = "D-Sure に照会できませんでした（接続できないか、照会が拒否されました）";
        break;
      }
      const theirs = new Map(answer.chains.map((c) => [c.contractNumber, c]));
      const found: (ChainDifference & { contractNumber: string; contractId: string })[] = [];
      for (const c of batch) {
        const difference = compareChain({ ours: c.entries, theirs: theirs.get(c.contractNumber) });
        if (difference) found.push({ ...difference, contractNumber: c.contractNumber, contractId: c.contractId });
      }
      if (found.length) {
        await db.reconciliationFinding.createMany({
          data: found.map((f) => ({
            runId,
            contractId: f.contractId,
            contractNumber: f.contractNumber,
            kind: f.kind,
            seq: f.seq,
            expected: f.expected as Prisma.InputJsonValue,
            actual: f.actual as Prisma.InputJsonValue,
          })),
        });
        findings.push(...found.map(({ contractId: _id, ...f }) => f));
      }
      certificates += batch.length;
    }
  } catch (e) {
    error = `照合を完了できませんでした: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500);
  }

  await db.$transaction(async (tx) => {
    await tx.reconciliationRun.update({
      where: { id: runId },
      data: { finishedAt: now(), certificates, discrepancies: findings.length, error },
    });
    await writeAudit(tx, {
      actorType: staff ? "STAFF" : "SYSTEM",
      actorId: staff?.id ?? null,
      actorLabel: staff?.staffId ?? `reconciliation-${trigger.toLowerCase()}`,
      action: findings.length ? "dsure.reconcile.discrepancy" : "dsure.reconcile",
      entityType: "ReconciliationRun",
      entityId: runId,
      after: {
        certificates,
        discrepancies: findings.length,
        error,
        findings: findings.slice(0, 50).map((f) => ({ contractNumber: f.contractNumber, kind: f.kind, seq: f.seq })),
      },
    });
  });
  if (findings.length) {
    console.warn(`[reconcile] D-Sure との照合で不一致が ${findings.length} 件あります: ${findings.slice(0, 10).map((f) => `${f.contractNumber} (${f.kind})`).join(", ")}`);
  }
  if (error) console.error(`[reconcile] ${error}`);
  return { ran: true, runId, certificates, discrepancies: findings.length, findings, error };
}
