/**
 * The outbox against a real SMTP server (scripts/lib/smtp-sink.ts), messages read back with mailparser: what the
 * contractor receives after a conclusion, retries while the server is down, FAILED after the last attempt and 再送.
 */
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { formatAuthKey } from "@/lib/auth-key/format-auth-key";
import type { StaffPrincipal } from "@/lib/auth/authenticate";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { db } from "@/lib/db";
import { authKeyKeys, resetEnvForTests } from "@/lib/env";
import { isDomainError } from "@/lib/errors";
import { dispatchDueMails } from "@/lib/mail/dispatch-due-mails";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { resendFailedMail } from "@/lib/mail/resend-failed-mail";
import { startMailDispatcher } from "@/lib/mail/start-mail-dispatcher";
import { createMailTransport, mailTransportFromEnv, type MailTransport } from "@/lib/mail/transport";
import { startSmtpSink, type SmtpSink } from "../../scripts/lib/smtp-sink";
import { createSubmittedApplication, ensureSeeded, markReviewed, staffUserId } from "../support/admin-fixtures";
import { extractPdf } from "../unit/pdf-extract-text";

const FAST_RETRY = { baseMs: 200, maxMs: 5_000 };
const FROM = "電子保証 <no-reply@denshi-hosho.example.jp>";

let sink: SmtpSink;
let transport: MailTransport;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  process.env.PUBLIC_BASE_URL = "https://hosho.example.jp";
  resetEnvForTests();
  transport = mailTransportFromEnv();
  await ensureSeeded(db);
});

afterAll(async () => {
  transport?.close();
  await sink?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the dispatcher until nothing is due any more. */
async function drain(t: MailTransport = transport) {
  for (let i = 0; i < 50; i++) {
    const r = await dispatchDueMails({ db, transport: t, retry: FAST_RETRY });
    if (r.claimed === 0) return;
  }
  throw new Error("outbox did not drain");
}

/** A free port with nothing listening on it (an SMTP server that is down). */
async function deadPort(): Promise<number> {
  const s = await startSmtpSink();
  await s.stop();
  return s.port;
}

const admin: StaffPrincipal = { kind: "staff", userId: "00000000-0000-4000-8000-000000000001", role: "ADMIN", loginId: "staff-admin", name: "管理者" };

describe("a conclusion with 電子交付", () => {
  it("sends exactly one mail 「電子証書・認証キー登録のお知らせ」 to the company once D-Sure has accepted the registration, linking to /enet/certificates, without the key", async () => {
    const app = await createSubmittedApplication(db, { deliveryMethod: "ELECTRONIC" });
    await markReviewed(db, { applicationId: app.id, reviewerId: await staffUserId(db, "staff-tanto") });
    const before = sink.messages.length;
    const result = await concludeContract({ applicationId: app.id, approverId: await staffUserId(db, "staff-shonin") });
    expect(result.contracts).toHaveLength(1);
    const contract = await db.guaranteeContract.findUniqueOrThrow({
      where: { id: result.contracts[0]!.id },
      select: { contractNumber: true, company: { select: { email: true } }, authKeys: { select: { ciphertext: true } } },
    });

    // Held until D-Sure has accepted the certificate's chain: nothing goes out before.
    await drain();
    await sleep(300);
    await drain();
    expect(sink.messages.length).toBe(before);
    const held = await db.mailOutbox.findFirstOrThrow({ where: { template: "CERTIFICATE_REGISTERED", toAddress: contract.company.email }, orderBy: { createdAt: "desc" } });
    expect(held.status).toBe("PENDING");
    expect(held.awaitsRegistrationId).not.toBeNull();

    expect((await drainCertificateRegistrations({ db })).registered).toBeGreaterThanOrEqual(2); // 版 1 and the key
    await drain();
    await sleep(300);
    await drain();

    const received = sink.messages.slice(before);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.parsed.subject).toBe("電子証書・認証キー登録のお知らせ");
    expect(mail.envelopeTo).toEqual([contract.company.email]);
    expect(mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.value[0]!.address : null).toBe(contract.company.email);
    expect(mail.parsed.text).toContain(contract.contractNumber);
    expect(mail.parsed.text).toContain("https://hosho.example.jp/enet/certificates");
    expect(mail.parsed.html).toContain('href="https://hosho.example.jp/enet/certificates"');

    const key = decryptAuthKey(contract.authKeys[0]!.ciphertext, authKeyKeys().encryptionKey);
    for (const k of [key, formatAuthKey(key)]) {
      expect(mail.raw.toString("utf8")).not.toContain(k);
      expect(mail.parsed.text).not.toContain(k);
      expect(mail.parsed.html).not.toContain(k);
    }

    const row = await db.mailOutbox.findFirstOrThrow({ where: { template: "CERTIFICATE_REGISTERED", toAddress: contract.company.email }, orderBy: { createdAt: "desc" } });
    expect(row.status).toBe("SENT");
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.messageId).toBe(mail.parsed.messageId);
    expect(row.lockedUntil).toBeNull();
  });

  it("sends the 認証キー等のお知らせ PDF to the orderer as an attachment rendered at send time (the body carries no key)", async () => {
    const app = await createSubmittedApplication(db, { deliveryMethod: "ELECTRONIC", workName: "添付テスト工事" });
    await markReviewed(db, { applicationId: app.id, reviewerId: await staffUserId(db, "staff-tanto") });
    const { contracts } = await concludeContract({ applicationId: app.id, approverId: await staffUserId(db, "staff-shonin") });
    const c = await db.guaranteeContract.findUniqueOrThrow({
      where: { id: contracts[0]!.id },
      select: { id: true, contractNumber: true, authKeys: { select: { ciphertext: true } } },
    });
    await drain();
    const subject = `認証キー等のお知らせ（${c.contractNumber}）`;
    await enqueueMail(db, {
      template: "KEY_NOTICE_TO_ORDERER",
      to: "doro-kensetsu@city-kagoshima.example.jp",
      data: { subject, ordererName: "鹿児島市", departmentName: "建設局 道路部 道路建設課", companyName: "株式会社サンプル建設", contractNumber: c.contractNumber, workName: "添付テスト工事" },
      attachments: [{ kind: "AUTH_KEY_NOTICE", contractId: c.id }],
    });
    await drain();
    const mail = await sink.waitFor((m) => m.parsed.subject === subject);
    expect(mail.parsed.attachments).toHaveLength(1);
    const pdf = mail.parsed.attachments[0]!;
    expect(pdf.contentType).toBe("application/pdf");
    expect(pdf.filename).toBe(`認証キー等のお知らせ_${c.contractNumber}.pdf`);
    const key = formatAuthKey(decryptAuthKey(c.authKeys[0]!.ciphertext, authKeyKeys().encryptionKey));
    expect((await extractPdf(pdf.content)).compact).toContain(key);
    expect(mail.parsed.text).not.toContain(key);
    expect(mail.parsed.html).not.toContain(key);
  });
});

describe("when the SMTP server is down", () => {
  it("keeps the due mails PENDING with a growing backoff, then delivers each exactly once when it is back", async () => {
    const port = await deadPort();
    const down = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, rejectUnauthorized: true, from: FROM });
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      ids.push((await enqueueMail(db, { template: "APPLICATION_RECEIVED", to: `down${i}@example.jp`, data: { companyName: `停止中${i}`, workName: `工事${i}`, applicationId: crypto.randomUUID() } })).id);
    }
    const rows = () => db.mailOutbox.findMany({ where: { id: { in: ids } }, orderBy: { toAddress: "asc" } });

    let previousNext: Date[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      // Wait until every row is due again, then one run: each row is attempted once.
      const dueAt = Math.max(0, ...previousNext.map((d) => d.getTime()));
      if (dueAt > Date.now()) await sleep(dueAt - Date.now() + 20);
      const startedAt = Date.now();
      const r = await dispatchDueMails({ db, transport: down, retry: FAST_RETRY });
      const finishedAt = Date.now();
      expect(r).toMatchObject({ claimed: 3, sent: 0, retried: 3, failed: 0 });
      const now = await rows();
      // The failure was recorded between startedAt and finishedAt, `base × 2^(attempt−1) ± 20 %` before nextAttemptAt.
      const delay = FAST_RETRY.baseMs * 2 ** (attempt - 1);
      for (const [i, row] of now.entries()) {
        expect(row.status).toBe("PENDING");
        expect(row.attempts).toBe(attempt);
        expect(row.lastError).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
        expect(row.lockedUntil).toBeNull();
        expect(row.nextAttemptAt.getTime() - startedAt).toBeGreaterThanOrEqual(delay * 0.8 - 5);
        expect(row.nextAttemptAt.getTime() - finishedAt).toBeLessThanOrEqual(delay * 1.2 + 5);
        if (previousNext.length) expect(row.nextAttemptAt.getTime()).toBeGreaterThan(previousNext[i]!.getTime());
      }
      previousNext = now.map((row) => row.nextAttemptAt);
    }
    down.close();

    // Not due yet: a run now sends nothing.
    const early = await dispatchDueMails({ db, transport, retry: FAST_RETRY });
    expect(early.claimed).toBe(0);

    // The server comes back on the same address.
    const back = await startSmtpSink({ port });
    const up = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, rejectUnauthorized: true, from: FROM });
    try {
      await sleep(Math.max(...previousNext.map((d) => d.getTime())) - Date.now() + 20);
      await drain(up);
      await sleep(300);
      await drain(up);
      const received = back.messages.map((m) => m.parsed.messageId);
      expect(received).toHaveLength(3);
      expect(new Set(received).size).toBe(3);
      const sent = await rows();
      expect(sent.map((r) => r.status)).toEqual(["SENT", "SENT", "SENT"]);
      expect(sent.map((r) => r.attempts)).toEqual([4, 4, 4]);
      expect(sent.map((r) => r.messageId).sort()).toEqual([...received].sort());
      expect(back.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(["down1@example.jp", "down2@example.jp", "down3@example.jp"]);
    } finally {
      up.close();
      await back.stop();
    }
  });
});

describe("a mail that reaches maxAttempts", () => {
  it("becomes FAILED, and 再送 (ADMIN) makes it PENDING again with an audit row, then it is delivered", async () => {
    const down = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${await deadPort()}`, rejectUnauthorized: true, from: FROM });
    const { id } = await enqueueMail(db, { template: "REGISTRATION_RECEIVED", to: "failing@example.jp", data: { companyName: "失敗建設", contactName: "失敗 太郎" } });
    await db.mailOutbox.update({ where: { id }, data: { maxAttempts: 2 } });

    expect(await dispatchDueMails({ db, transport: down, retry: FAST_RETRY })).toMatchObject({ retried: 1, failed: 0 });
    await sleep(300);
    expect(await dispatchDueMails({ db, transport: down, retry: FAST_RETRY })).toMatchObject({ retried: 0, failed: 1 });
    down.close();
    let row = await db.mailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(row.lastError).toBeTruthy();

    // FAILED rows are never picked up again by themselves.
    await sleep(1_000);
    expect((await dispatchDueMails({ db, transport, retry: FAST_RETRY })).claimed).toBe(0);

    // Only ADMIN may re-send; a second 再送 of the same mail is a conflict.
    const reviewer: StaffPrincipal = { ...admin, role: "REVIEWER" };
    await expect(resendFailedMail({ mailId: id, staff: reviewer })).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    await resendFailedMail({ mailId: id, staff: admin });
    await expect(resendFailedMail({ mailId: id, staff: admin })).rejects.toSatisfy((e) => isDomainError(e, "CONFLICT"));
    await expect(resendFailedMail({ mailId: "not-a-uuid", staff: admin })).rejects.toSatisfy((e) => isDomainError(e, "NOT_FOUND"));

    row = await db.mailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 0, lockedUntil: null });
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const audit = await db.auditLog.findMany({ where: { action: "mail.resend", entityId: id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "STAFF", actorId: admin.userId, actorLabel: "staff-admin", entityType: "MailOutbox" });
    expect(audit[0]!.before).toMatchObject({ status: "FAILED", attempts: 2 });

    await drain();
    const mail = await sink.waitFor((m) => m.envelopeTo.includes("failing@example.jp"));
    expect(mail.parsed.subject).toBe("ID登録申請受付のお知らせ");
    expect((await db.mailOutbox.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
  });
});

describe("an attachment whose loader does not exist yet", () => {
  it("fails the attempt (to be retried) instead of sending the mail without it", async () => {
    const statementId = crypto.randomUUID();
    const { id } = await enqueueMail(db, {
      template: "FEE_STATEMENT_ISSUED",
      to: "fee@example.jp",
      data: { companyName: "一括納付建設", month: "2025-01", statementId },
      attachments: [{ kind: "FEE_STATEMENT", statementId }],
    });
    const r = await dispatchDueMails({ db, transport, retry: FAST_RETRY, renderers: {} });
    expect(r).toMatchObject({ sent: 0, retried: 1 });
    const row = await db.mailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.lastError).toContain("FEE_STATEMENT");
    expect(sink.messages.some((m) => m.envelopeTo.includes("fee@example.jp"))).toBe(false);

    // Once a loader exists, the next attempt carries the PDF.
    await sleep(300);
    const content = Buffer.from("%PDF-1.4 test");
    await dispatchDueMails({
      db,
      transport,
      retry: FAST_RETRY,
      renderers: { FEE_STATEMENT: async () => ({ filename: "保証料計算書_2025年1月.pdf", content, contentType: "application/pdf" }) },
    });
    const mail = await sink.waitFor((m) => m.envelopeTo.includes("fee@example.jp"));
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(["保証料計算書_2025年1月.pdf"]);
    expect(mail.parsed.attachments[0]!.content.equals(content)).toBe(true);
  });
});

describe("the polling dispatcher (as started by instrumentation.ts and npm run worker)", () => {
  it("delivers a mail enqueued while it runs, and stops cleanly (no run after stop)", async () => {
    let runs = 0;
    const dispatcher = startMailDispatcher({ db, transport, intervalMs: 50, onRun: () => void runs++ });
    try {
      await sleep(200);
      await enqueueMail(db, { template: "REGISTRATION_RECEIVED", to: "polling@example.jp", data: { companyName: "巡回建設", contactName: "巡回 次郎" } });
      const mail = await sink.waitFor((m) => m.envelopeTo.includes("polling@example.jp"), 10_000);
      expect(mail.parsed.subject).toBe("ID登録申請受付のお知らせ");
    } finally {
      await dispatcher.stop();
    }
    const after = runs;
    expect(after).toBeGreaterThan(2);
    await sleep(300);
    expect(runs).toBe(after);
  });
});
