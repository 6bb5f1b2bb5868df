/**
 * Password links by mail: パスワードの再設定 for contractors (one hour, single use, the same answer for any ID), the
 * token made at send time so that none rests in the database, and the mail bodies emptied after delivery.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateContractor } from "@/lib/auth/authenticate";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { purgeMailBodies } from "@/lib/mail/purge-mail-bodies";
import { approveRegistrationRequest } from "@/lib/registration/approve-registration-request";
import { checkPasswordSetupToken } from "@/lib/registration/check-password-setup-token";
import { requestPasswordReset } from "@/lib/registration/request-password-reset";
import { requestRegistration } from "@/lib/registration/request-registration";
import { ZRegistrationRequestSchema } from "@/lib/registration/schemas";
import { setPasswordWithToken } from "@/lib/registration/set-password-with-token";
import { startLinkMailbox, type LinkMailbox } from "../support/link-mailbox";
import { seedDemo, type Demo } from "./enet-fixtures";

let demo: Demo;
let mailbox: LinkMailbox;
let ip = 0;
const nextIp = () => `10.20.${Math.floor(++ip / 200)}.${ip % 200}`;

beforeAll(async () => {
  demo = await seedDemo(db);
  mailbox = await startLinkMailbox();
});

afterAll(async () => {
  await mailbox?.stop();
});

async function newContractor(customerId: string, email: string): Promise<string> {
  const u = await db.contractorUser.create({
    data: { companyId: demo.kensetsu.companyId, customerId, name: "再設定 太郎", email, passwordHash: null },
    select: { id: true },
  });
  return u.id;
}

/** Every table of every schema, each row as text, searched for `needle`: where it is found, by table. */
async function tablesHolding(needle: string): Promise<string[]> {
  const tables = await db.$queryRaw<{ schema: string; name: string }[]>`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`;
  expect(tables.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const t of tables) {
    const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${t.schema}"."${t.name}" AS r WHERE strpos(r::text, $1) > 0`,
      needle,
    );
    if (n > 0) found.push(`${t.schema}.${t.name}`);
  }
  return found;
}

describe("パスワードの再設定", () => {
  it("mails a link that works once, for one hour from its sending", async () => {
    const userId = await newContractor("reset-once", "reset-once@example.jp");
    await requestPasswordReset({ customerId: "ＲＥＳＥＴ－ｏｎｃｅ ", clientIp: nextIp() }); // as typed: 全角, upper case
    const sentBefore = Date.now();
    const token = await mailbox.tokenMailedTo("reset-once@example.jp");
    const mail = mailbox.sink.messages.filter((m) => m.envelopeTo.includes("reset-once@example.jp")).at(-1)!;
    expect(mail.parsed.subject).toBe("パスワード再設定のお知らせ");

    const row = await db.passwordSetupToken.findFirstOrThrow({ where: { userId, purpose: "RESET" } });
    const minutes = (row.expiresAt!.getTime() - sentBefore) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60.1);

    expect(await checkPasswordSetupToken({ token })).toMatchObject({ ok: true, customerId: "reset-once" });
    await setPasswordWithToken({ token, password: "新しいパスワードを設定しました。" });
    expect((await authenticateContractor("reset-once", "新しいパスワードを設定しました。", nextIp())).ok).toBe(true);
    const again = await setPasswordWithToken({ token, password: "もう一度は使えないはずのパスワード" }).catch((e: unknown) => e);
    expect((again as DomainError).code).toBe("TOKEN_INVALID");
  });

  it("a link an hour old opens nothing; a new request makes the earlier link stop working", async () => {
    const userId = await newContractor("reset-late", "reset-late@example.jp");
    await requestPasswordReset({ customerId: "reset-late", clientIp: nextIp() });
    const first = await mailbox.tokenMailedTo("reset-late@example.jp");
    await requestPasswordReset({ customerId: "reset-late", clientIp: nextIp() });
    const second = await mailbox.tokenMailedTo("reset-late@example.jp");
    expect(second).not.toBe(first);
    expect(await checkPasswordSetupToken({ token: first })).toEqual({ ok: false });
    expect((await checkPasswordSetupToken({ token: second })).ok).toBe(true);

    // An hour passes.
    await db.$executeRaw`UPDATE "PasswordSetupToken" SET "expiresAt" = "expiresAt" - interval '1 hour' WHERE "userId" = ${userId}::uuid`;
    expect(await checkPasswordSetupToken({ token: second })).toEqual({ ok: false });
    const late = await setPasswordWithToken({ token: second, password: "一時間遅れて設定するパスワード" }).catch((e: unknown) => e);
    expect((late as DomainError).code).toBe("TOKEN_INVALID");
  });

  it("gives the same answer for an unknown or inactive ID, and mails nothing", async () => {
    await newContractor("reset-inactive", "reset-inactive@example.jp");
    await db.contractorUser.update({ where: { customerId: "reset-inactive" }, data: { active: false } });
    const mailsBefore = await db.mailOutbox.count();
    expect(await requestPasswordReset({ customerId: "no-such-id", clientIp: nextIp() })).toBeUndefined();
    expect(await requestPasswordReset({ customerId: "reset-inactive", clientIp: nextIp() })).toBeUndefined();
    expect(await requestPasswordReset({ customerId: "reset\u0000inactive", clientIp: nextIp() })).toBeUndefined(); // no id at all
    expect(await db.mailOutbox.count()).toBe(mailsBefore);
  });

  it("mails one account at most three times an hour (then the same answer, no mail); one address may ask five times", async () => {
    await newContractor("reset-many", "reset-many@example.jp");
    const count = () => db.mailOutbox.count({ where: { toAddress: "reset-many@example.jp" } });
    for (let i = 0; i < 5; i++) await requestPasswordReset({ customerId: "reset-many", clientIp: nextIp() });
    expect(await count()).toBe(3);

    const address = "10.99.0.1";
    for (let i = 0; i < 5; i++) await requestPasswordReset({ customerId: `nobody-${i}`, clientIp: address });
    const refused = await requestPasswordReset({ customerId: "nobody-6", clientIp: address }).catch((e: unknown) => e);
    expect((refused as DomainError).code).toBe("THROTTLED");
  });

  it("works for a first password whose setup link has expired (the contractor asks again)", async () => {
    const userId = await newContractor("setup-expired", "setup-expired@example.jp");
    await db.passwordSetupToken.create({ data: { userId, tokenHash: "0".repeat(64), expiresAt: new Date(Date.now() - 1000) } });
    await requestPasswordReset({ customerId: "setup-expired", clientIp: nextIp() });
    const token = await mailbox.tokenMailedTo("setup-expired@example.jp");
    await setPasswordWithToken({ token, password: "初めてのパスワードを設定します" });
    expect((await authenticateContractor("setup-expired", "初めてのパスワードを設定します", nextIp())).ok).toBe(true);
  });
});

describe("no secret at rest in mail", () => {
  it("after delivery, neither a setup token nor a reset token can be read from any table", async () => {
    const request = await requestRegistration({
      input: ZRegistrationRequestSchema.parse({
        companyName: "株式会社　grep組",
        representative: "代表取締役 検索 一郎",
        address: "鹿児島県鹿児島市山下町11番1号",
        licenseNumber: "鹿児島県知事許可（般-6）第22222号",
        contactName: "検索 花子",
        email: "grep@example.jp",
        phone: "099-224-1111",
      }),
      clientIp: nextIp(),
    });
    const { customerId } = await approveRegistrationRequest({ requestId: request.id, staffId: demo.approverId });
    const setupToken = await mailbox.tokenMailedTo("grep@example.jp");
    await requestPasswordReset({ customerId, clientIp: nextIp() });
    const resetToken = await mailbox.tokenMailedTo("grep@example.jp");
    expect(resetToken).not.toBe(setupToken);

    for (const token of [setupToken, resetToken]) {
      expect(token.length).toBeGreaterThan(40);
      expect(await tablesHolding(token)).toEqual([]);
    }
    // The search itself finds what is there: the sent mails' rows hold the recipient.
    expect(await tablesHolding("grep@example.jp")).toContain("public.MailOutbox");
  });

  it("mail bodies are emptied MAIL_BODY_RETENTION_HOURS after delivery; to, subject, status and times stay", async () => {
    const mk = (to: string) => enqueueMail(db, { template: "REGISTRATION_RECEIVED", to, data: { companyName: "本文 削除", contactName: "担当" } });
    const old = await mk("purge-old@example.jp");
    const recent = await mk("purge-recent@example.jp");
    const failed = await mk("purge-failed@example.jp");
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await db.mailOutbox.update({ where: { id: old.id }, data: { status: "SENT", sentAt: hoursAgo(25) } });
    await db.mailOutbox.update({ where: { id: recent.id }, data: { status: "SENT", sentAt: hoursAgo(23) } });
    await db.mailOutbox.update({ where: { id: failed.id }, data: { status: "FAILED", createdAt: hoursAgo(48) } });

    expect(await purgeMailBodies({ now, retentionHours: 24 })).toBeGreaterThanOrEqual(1);
    const rows = await db.mailOutbox.findMany({ where: { id: { in: [old.id, recent.id, failed.id] } } });
    const byTo = Object.fromEntries(rows.map((r) => [r.toAddress, r]));
    expect(byTo["purge-old@example.jp"]).toMatchObject({ text: "", html: "", subject: "ID登録申請受付のお知らせ", status: "SENT" });
    expect(byTo["purge-old@example.jp"]!.bodyPurgedAt).not.toBeNull();
    expect(byTo["purge-recent@example.jp"]!.text).toContain("本文 削除");
    expect(byTo["purge-failed@example.jp"]!.text).toContain("本文 削除"); // kept for 再送
    expect(await purgeMailBodies({ now, retentionHours: 24 })).toBe(0); // once
  });
});
