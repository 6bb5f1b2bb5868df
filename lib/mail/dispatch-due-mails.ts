import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { computeRetryDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./compute-retry-delay";
import { attachmentRenderers, renderAttachment, type AttachmentRenderers } from "./render-attachment";
import type { MailTransport } from "./transport";
import type { MailAttachmentRef } from "./types";
import { LINK_TOKEN_PLACEHOLDER } from "@/lib/registration/create-password-setup-token";
import { issueLinkToken } from "@/lib/registration/issue-link-token";

export interface DispatchOptions {
  db: Db;
  transport: MailTransport;
  /** Rows claimed per run. */
  batchSize?: number;
  /**
   * How long a claimed row stays reserved for this dispatcher. It must outlast one attempt (SMTP timeouts are
   * 10 s to connect and 60 s of silence); a dispatcher that dies mid-send releases its rows when the lease ends.
   */
  leaseMs?: number;
  retry?: RetryPolicy;
  renderers?: AttachmentRenderers;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  /** Failed this time, to be tried again later. */
  retried: number;
  /** Failed for the last allowed time: now FAILED, waiting for 再送 at /admin/mail. */
  failed: number;
}

interface ClaimedRow {
  id: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  attachments: unknown;
  linkTokenId: string | null;
  attempts: number;
  maxAttempts: number;
  lockedUntil: Date;
}

const DEFAULT_BATCH_SIZE = 20;
const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * Claims due PENDING rows so that no two dispatchers (threads, instances, the worker) ever hold the same row:
 * one statement locks them with FOR UPDATE SKIP LOCKED (rows another claimer is locking are skipped, not waited
 * for) and stamps a lease in lockedUntil, then commits. SMTP happens after that, outside any transaction.
 */
async function claimDueMails(db: Db, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
  return db.$queryRaw<ClaimedRow[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM "MailOutbox"
      WHERE status = 'PENDING'
        AND "awaitsRegistrationId" IS NULL
        AND "nextAttemptAt" <= now()
        AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "MailOutbox" AS m
    SET "lockedUntil" = now() + ${leaseMs}::int * interval '1 millisecond'
    FROM due
    WHERE m.id = due.id
    RETURNING m.id, m."toAddress", m.subject, m.text, m.html, m.attachments, m."linkTokenId", m.attempts, m."maxAttempts", m."lockedUntil"`;
}

/** The domain part of MAIL_FROM, for Message-IDs (`<row-id@domain>`). */
function messageIdDomain(): string {
  const m = /@([^>\s]+)>?\s*$/.exec(env().MAIL_FROM);
  return m?.[1] ?? "denshi-hosho.invalid";
}

/** What goes into lastError and the log: the error's kind and message, without credentials, kept short. */
export function describeSendError(e: unknown): string {
  const err = e as { code?: unknown; responseCode?: unknown; message?: unknown; name?: unknown };
  const code = typeof err?.code === "string" ? err.code : typeof err?.name === "string" ? err.name : "Error";
  const response = typeof err?.responseCode === "number" ? ` (SMTP ${err.responseCode})` : "";
  const message = typeof err?.message === "string" ? err.message : String(e);
  return `${code}${response}: ${message}`
    .replace(/(\w+:\/\/)[^\s/@]*@/g, "$1***@") // user:password@ in any URL
    .replace(/\b(AUTH\s+\w+)\s+\S+/gi, "$1 ***") // SMTP AUTH arguments echoed in a server reply
    .slice(0, 500);
}

function formatDelay(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))}秒`;
  return `${Math.round(ms / 60_000)}分`;
}

function attachmentRefs(value: unknown): MailAttachmentRef[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((r) => typeof r === "object" && r !== null && typeof (r as { kind?: unknown }).kind === "string")) {
    throw new Error("attachments の形式が不正です");
  }
  return value as MailAttachmentRef[];
}

/**
 * Sends the mails that are due, once each. Success: SENT with sentAt and the Message-ID. Failure: attempts + 1,
 * lastError, and nextAttemptAt pushed back exponentially — or FAILED once maxAttempts is reached. Attachments
 * (the key notice PDF, fee statements) are rendered now, never stored, and so is a password link's token.
 */
export async function dispatchDueMails(options: DispatchOptions): Promise<DispatchResult> {
  const { db, transport } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const renderers = options.renderers ?? attachmentRenderers;
  const rows = await claimDueMails(db, options.batchSize ?? DEFAULT_BATCH_SIZE, leaseMs);
  const result: DispatchResult = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };
  if (!rows.length) return result;
  const domain = messageIdDomain();

  await Promise.all(
    rows.map(async (row) => {
      try {
        const attachments = await Promise.all(attachmentRefs(row.attachments).map((ref) => renderAttachment(ref, renderers)));
        // A password link's token is made now and exists in the sent mail alone (the row keeps its hash).
        const token = row.linkTokenId ? await issueLinkToken(db, { tokenId: row.linkTokenId }) : null;
        const withLink = (body: string) => (token ? body.split(LINK_TOKEN_PLACEHOLDER).join(token) : body);
        const info = await transport.send({
          to: row.toAddress,
          subject: row.subject,
          text: withLink(row.text),
          html: withLink(row.html),
          messageId: `<${row.id}@${domain}>`,
          attachments,
        });
        // The lease (lockedUntil as claimed) fences the update: a row whose lease ran out and was claimed again
        // by another dispatcher is left to that dispatcher.
        await db.$executeRaw`
          UPDATE "MailOutbox"
          SET status = 'SENT', "sentAt" = now(), "messageId" = ${info.messageId}, attempts = attempts + 1,
              "lastError" = NULL, "lockedUntil" = NULL
          WHERE id = ${row.id}::uuid AND "lockedUntil" = ${row.lockedUntil}`;
        result.sent++;
      } catch (e) {
        const attempts = row.attempts + 1;
        const final = attempts >= row.maxAttempts;
        const error = describeSendError(e);
        const delayMs = computeRetryDelay(attempts, retry);
        await db.$executeRaw`
          UPDATE "MailOutbox"
          SET attempts = attempts + 1, "lastError" = ${error}, "lockedUntil" = NULL,
              "nextAttemptAt" = now() + ${delayMs}::int * interval '1 millisecond',
              status = CASE WHEN attempts + 1 >= "maxAttempts" THEN 'FAILED'::"MailStatus" ELSE 'PENDING'::"MailStatus" END
          WHERE id = ${row.id}::uuid AND "lockedUntil" = ${row.lockedUntil}`;
        if (final) result.failed++;
        else result.retried++;
        console.warn(
          `[mail] 送信に失敗しました id=${row.id} 試行 ${attempts}/${row.maxAttempts}` +
            `${final ? " → 送信失敗 (管理画面 /admin/mail から再送できます)" : ` → ${formatDelay(delayMs)}後に再試行`}: ${error}`,
        );
      }
    }),
  );
  return result;
}
