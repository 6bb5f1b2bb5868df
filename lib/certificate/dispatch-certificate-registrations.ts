import "server-only";
import type { Db } from "@/lib/db";
import { env, suretySecret } from "@/lib/env";
import { computeRetryDelay, type RetryPolicy } from "@/lib/mail/compute-retry-delay";
import { checkReceipt, signRegistrationRequest, type SignedChainEntry, type TSignedReceipt } from "@/lib/dsure/registration";
import { pinnedDsureKey } from "./pinned-dsure-key";
import type { RegistrationAnswer, RegistrationClient } from "./create-registration-client";
import { issuerSignerOf } from "./enqueue-certificate-registration";

export interface RegistrationDispatchResult {
  /** Certificates whose next entries were sent. */
  claimed: number;
  /** Entries D-Sure accepted this run. */
  registered: number;
  /** Sends that failed and will be tried again. */
  retried: number;
  /** Sends that ended in 登録エラー (refused, or out of attempts). */
  failed: number;
  /** Held mails released because their registration was accepted. */
  releasedMails: number;
}

/** 2 s, 4 s, 8 s … up to 5 min: D-Sure back after an hour's outage is caught up within minutes. */
export const REGISTRATION_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

const MAX_ENTRIES_PER_REQUEST = 100;

type Head = { id: string; contractId: string; contractNumber: string; seq: number; attempts: number; maxAttempts: number; lockedUntil: Date };
type Row = { id: string; seq: number; entry: unknown; hash: string };

/**
 * Claims the certificates whose next unregistered entry is due: per certificate only its first entry not yet
 * registered (an entry never goes before the one it follows), locked with FOR UPDATE SKIP LOCKED and leased in
 * lockedUntil, so no two dispatchers (threads, instances, the worker) send the same certificate at once.
 */
async function claimHeads(db: Db, limit: number, leaseMs: number): Promise<Head[]> {
  return db.$queryRaw<Head[]>`
    WITH due AS MATERIALIZED (
      SELECT r.id FROM "CertificateRegistration" r
      WHERE r.status = 'PENDING'
        AND r."nextAttemptAt" <= now()
        AND (r."lockedUntil" IS NULL OR r."lockedUntil" < now())
        AND NOT EXISTS (
          SELECT 1 FROM "CertificateRegistration" p
          WHERE p."contractId" = r."contractId" AND p.seq < r.seq AND p.status <> 'REGISTERED')
      ORDER BY r."nextAttemptAt", r."createdAt"
      LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "CertificateRegistration" AS r
    SET "lockedUntil" = now() + ${leaseMs}::int * interval '1 millisecond'
    FROM due
    WHERE r.id = due.id
    RETURNING r.id, r."contractId", r."contractNumber", r.seq, r.attempts, r."maxAttempts", r."lockedUntil"`;
}

/**
 * The registration dispatcher's run: for each claimed certificate it sends, in one signed request, its entries not
 * yet registered in seq order, through the registration interface (in-process or HTTP: `client`). D-Sure registers
 * idempotently, so an entry sent twice (a lease that ran out, a lost answer) is still one entry.
 * - Accepted: each entry's receipt is checked against D-Sure's pinned key (DSURE_PUBLIC_KEY) and kept with it; the
 *   entries become 登録済み and the mails held for them (「電子証書・認証キー登録のお知らせ」…) are released. An answer
 *   whose receipt does not check is not taken as registered (登録エラー, receipt_invalid).
 * - Unreachable, busy, or a refusal that may pass: tried again with exponential backoff (`retry`); after maxAttempts
 *   the certificate shows 登録エラー.
 * - Refused for the entries themselves (unknown key, fork …): 登録エラー at once, with D-Sure's reason, until staff
 *   retry it (retryCertificateRegistration).
 */
export async function dispatchCertificateRegistrations({
  db,
  client,
  batchSize = 50,
  leaseMs = 60_000,
  retry = REGISTRATION_RETRY_POLICY,
  concurrency = 4,
}: {
  db: Db;
  client: RegistrationClient;
  batchSize?: number;
  leaseMs?: number;
  retry?: RetryPolicy;
  /** Requests in flight at once. */
  concurrency?: number;
}): Promise<RegistrationDispatchResult> {
  const heads = await claimHeads(db, batchSize, leaseMs);
  const result: RegistrationDispatchResult = { claimed: heads.length, registered: 0, retried: 0, failed: 0, releasedMails: 0 };
  const issuer = env().SURETY_ISSUER_CODE;
  const privateKeyPem = suretySecret("CERT_SIGNING_PRIVATE_KEY");
  const { keyId } = issuerSignerOf(privateKeyPem);
  const dsureKey = pinnedDsureKey();

  const queue = [...heads];
  const work = async () => {
    for (let head = queue.shift(); head; head = queue.shift()) {
      const rows = await db.certificateRegistration.findMany({
        where: { contractId: head.contractId, status: "PENDING", seq: { gte: head.seq } },
        orderBy: { seq: "asc" },
        take: MAX_ENTRIES_PER_REQUEST,
        select: { id: true, seq: true, entry: true, hash: true },
      });
      const run = contiguousFrom(head.seq, rows);
      if (run.length === 0) {
        // Settled meanwhile (staff retry, another dispatcher after a lease ran out): nothing to send.
        await db.$executeRaw`UPDATE "CertificateRegistration" SET "lockedUntil" = NULL WHERE id = ${head.id}::uuid AND "lockedUntil" = ${head.lockedUntil}`;
        continue;
      }
      let answer: RegistrationAnswer;
      try {
        const request = signRegistrationRequest({ issuer, privateKeyPem, keyId, entries: run.map((r) => r.entry as SignedChainEntry) });
        answer = await client.send(request);
      } catch (e) {
        answer = { ok: false, retry: true, reason: `error: ${e instanceof Error ? e.message : String(e)}` };
      }
      const receipts = new Map<string, TSignedReceipt>();
      if (answer.ok) {
        const accepted = answer.entries;
        for (const r of run) {
          const a = accepted.find((x) => x.seq === r.seq && x.hash === r.hash);
          if (!a) {
            answer = { ok: false, retry: false, reason: `answer_mismatch: D-Sure の応答が登録した記録と一致しません (seq ${r.seq})` };
            break;
          }
          const checked = checkReceipt({
            signed: a.receipt,
            publicKeyPem: dsureKey,
            expected: { issuer, contractNumber: head.contractNumber, seq: r.seq, entryHash: r.hash },
          });
          if (!checked.ok) {
            answer = { ok: false, retry: false, reason: `receipt_invalid: D-Sure の受領証を確認できません (seq ${r.seq}, ${checked.problem})` };
            break;
          }
          receipts.set(r.id, checked.receipt);
        }
      }
      if (answer.ok) {
        const ids = run.map((r) => r.id);
        const registeredAt = new Date();
        const released = await db.$transaction(async (tx) => {
          for (const r of run) {
            await tx.certificateRegistration.updateMany({
              where: { id: r.id, status: "PENDING" },
              data: { status: "REGISTERED", registeredAt, lockedUntil: null, lastError: null, attempts: { increment: 1 }, receipt: receipts.get(r.id) },
            });
          }
          return tx.mailOutbox.updateMany({
            where: { awaitsRegistrationId: { in: ids } },
            data: { awaitsRegistrationId: null, nextAttemptAt: new Date() },
          });
        });
        result.registered += run.length;
        result.releasedMails += released.count;
        continue;
      }
      const attempts = head.attempts + 1;
      const final = !answer.retry || attempts >= head.maxAttempts;
      const delayMs = computeRetryDelay(attempts, retry);
      // The lease fences the update: a head whose lease ran out and was claimed again is left to that dispatcher.
      await db.$executeRaw`
        UPDATE "CertificateRegistration"
        SET attempts = attempts + 1, "lastError" = ${answer.reason.slice(0, 500)}, "lockedUntil" = NULL,
            "nextAttemptAt" = now() + ${delayMs}::int * interval '1 millisecond',
            status = ${final ? "FAILED" : "PENDING"}::"CertificateRegistrationStatus"
        WHERE id = ${head.id}::uuid AND "lockedUntil" = ${head.lockedUntil}`;
      if (final) result.failed++;
      else result.retried++;
      console.warn(
        `[registration] D-Sure への登録に失敗しました 保証契約番号 ${head.contractNumber} 記録 ${head.seq} 試行 ${attempts}` +
          `${final ? " → 登録エラー (管理画面の保証契約から再登録できます)" : ` → ${Math.round(delayMs / 1000)}秒後に再試行`}: ${answer.reason}`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, heads.length) }, work));
  return result;
}

/** The rows that follow `seq` without a gap (a gap is an entry claimed elsewhere or not yet committed). */
function contiguousFrom(seq: number, rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const r of rows) {
    if (r.seq !== seq + out.length) break;
    out.push(r);
  }
  return out;
}
