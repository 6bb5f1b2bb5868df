/**
 * Two app instances (two Prisma clients, two SMTP transports) dispatching the same outbox at the same time: every
 * row is delivered exactly once, counted by Message-ID and by the unique number in the subject.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { dispatchDueMails, type DispatchResult } from "@/lib/mail/dispatch-due-mails";
import { createMailTransport } from "@/lib/mail/transport";
import { startSmtpSink, type SmtpSink } from "../../scripts/lib/smtp-sink";

const ROWS = 200;
let sink: SmtpSink;
let instances: Db[];

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  resetEnvForTests();
  instances = [createPrismaClient(process.env.DATABASE_URL!, 5), createPrismaClient(process.env.DATABASE_URL!, 5)];
});

afterAll(async () => {
  await Promise.all(instances.map((d) => d.$disconnect()));
  await sink.stop();
});

it("two dispatchers over 200 due rows send every row exactly once", async () => {
  await instances[0]!.mailOutbox.createMany({
    data: Array.from({ length: ROWS }, (_, i) => ({
      template: "APPLICATION_RECEIVED",
      toAddress: `load${i}@example.jp`,
      subject: `負荷試験 #${i}`,
      text: `本文 #${i}`,
      html: `<p>本文 #${i}</p>`,
    })),
  });

  const totals: DispatchResult[] = [];
  await Promise.all(
    instances.map(async (db) => {
      const transport = createMailTransport({ smtpUrl: process.env.SMTP_URL!, rejectUnauthorized: true, from: "電子保証 <no-reply@denshi-hosho.example.jp>" });
      const total: DispatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
      try {
        for (;;) {
          const r = await dispatchDueMails({ db, transport, batchSize: 7 });
          for (const k of Object.keys(total) as (keyof DispatchResult)[]) total[k] += r[k];
          if (r.claimed === 0) break;
        }
      } finally {
        transport.close();
      }
      totals.push(total);
    }),
  );

  // Both instances took part, and between them sent each row once.
  expect(totals.every((t) => t.sent > 0)).toBe(true);
  expect(totals.reduce((n, t) => n + t.sent, 0)).toBe(ROWS);
  expect(totals.every((t) => t.retried === 0 && t.failed === 0)).toBe(true);

  expect(sink.messages).toHaveLength(ROWS);
  expect(new Set(sink.messages.map((m) => m.parsed.messageId)).size).toBe(ROWS);
  const numbers = sink.messages.map((m) => Number(/#(\d+)$/.exec(m.parsed.subject ?? "")?.[1])).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: ROWS }, (_, i) => i));

  const rows = await instances[1]!.mailOutbox.findMany({ select: { status: true, attempts: true, messageId: true, lockedUntil: true } });
  expect(rows.every((r) => r.status === "SENT" && r.attempts === 1 && r.lockedUntil === null)).toBe(true);
  expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(sink.messages.map((m) => m.parsed.messageId)));
}, 180_000);

it("leaves a row alone while another dispatcher's lease runs, and takes it over once the lease has ended", async () => {
  const [a, b] = instances as [Db, Db];
  const row = await a.mailOutbox.create({
    data: { template: "APPLICATION_RECEIVED", toAddress: "lease@example.jp", subject: "リース試験", text: "本文", html: "<p>本文</p>" },
  });
  // As if instance A had claimed it and then died mid-send.
  await a.mailOutbox.update({ where: { id: row.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
  const transport = createMailTransport({ smtpUrl: process.env.SMTP_URL!, rejectUnauthorized: true, from: "電子保証 <no-reply@denshi-hosho.example.jp>" });
  try {
    expect((await dispatchDueMails({ db: b, transport })).claimed).toBe(0);
    await a.mailOutbox.update({ where: { id: row.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    expect(await dispatchDueMails({ db: b, transport })).toMatchObject({ claimed: 1, sent: 1 });
  } finally {
    transport.close();
  }
  await sink.waitFor((m) => m.envelopeTo.includes("lease@example.jp"));
  expect((await b.mailOutbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("SENT");
});
