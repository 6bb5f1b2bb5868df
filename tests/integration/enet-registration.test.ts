/**
 * ID登録: the request from /enet/register, staff approval (company, first user, single-use setup link, mail, audit),
 * rejection, and setting the password through the link — once, and only within 24 hours.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateContractor } from "@/lib/auth/authenticate";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { approveRegistrationRequest } from "@/lib/registration/approve-registration-request";
import { checkPasswordSetupToken } from "@/lib/registration/check-password-setup-token";
import { rejectRegistrationRequest } from "@/lib/registration/reject-registration-request";
import { requestRegistration } from "@/lib/registration/request-registration";
import { ZRegistrationRequestSchema, type TRegistrationRequest } from "@/lib/registration/schemas";
import { setPasswordWithToken } from "@/lib/registration/set-password-with-token";
import { seedDemo, type Demo } from "./enet-fixtures";
import { startLinkMailbox, type LinkMailbox } from "../support/link-mailbox";

let demo: Demo;
let staffId: string;
let ipCounter = 0;
let mailbox: LinkMailbox;

beforeAll(async () => {
  demo = await seedDemo(db);
  staffId = demo.approverId;
  mailbox = await startLinkMailbox();
});

afterAll(async () => {
  await mailbox?.stop();
});

function form(overrides: Partial<Record<keyof TRegistrationRequest, string>> = {}): TRegistrationRequest {
  return ZRegistrationRequestSchema.parse({
    companyName: "株式会社　桜島組",
    representative: "代表取締役 桜島 一郎",
    address: "鹿児島県鹿児島市桜島横山町１番地",
    licenseNumber: "鹿児島県知事許可（般-6）第11111号",
    contactName: "桜島 花子",
    email: "hanako@sakurajima-gumi.example.jp",
    phone: "０９９－２２２－３３３３",
    ...overrides,
  });
}

async function newRequest(overrides: Partial<Record<keyof TRegistrationRequest, string>> = {}) {
  ++ipCounter; // each from an address and to a mail address of its own, unless the test names one
  return requestRegistration({ input: form({ email: `hanako${ipCounter}@sakurajima-gumi.example.jp`, ...overrides }), clientIp: `10.0.0.${ipCounter}` });
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** The token in the link of the latest ID登録のお知らせ to `to`, as delivered (the outbox holds a placeholder). */
async function tokenMailedTo(to: string): Promise<string> {
  const stored = await db.mailOutbox.findFirstOrThrow({ where: { template: "ID_REGISTERED", toAddress: to }, orderBy: { createdAt: "desc" } });
  expect(stored.subject).toBe("ID登録のお知らせ");
  const token = await mailbox.tokenMailedTo(to);
  const after = await db.mailOutbox.findUniqueOrThrow({ where: { id: stored.id } });
  expect(after.status).toBe("SENT");
  expect(after.text + after.html).not.toContain(token);
  return token;
}

describe("ID登録申請", () => {
  it("stores a pending request (normalised) and queues ID登録申請受付のお知らせ with an audit row", async () => {
    const { id } = await newRequest({ email: "first@example.jp" });
    const stored = await db.registrationRequest.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ status: "PENDING", companyName: "株式会社　桜島組", phone: "099-222-3333", email: "first@example.jp" });
    const mail = await db.mailOutbox.findFirstOrThrow({ where: { template: "REGISTRATION_RECEIVED", toAddress: "first@example.jp" } });
    expect(mail.subject).toBe("ID登録申請受付のお知らせ");
    expect(await db.auditLog.count({ where: { action: "registration.request", entityId: id } })).toBe(1);
  });

  it("one client address may send five requests an hour", async () => {
    for (let i = 0; i < 5; i++) await requestRegistration({ input: form({ email: `addr${i}@example.jp` }), clientIp: "10.9.9.9" });
    const refused = await rejection(requestRegistration({ input: form({ email: "addr5@example.jp" }), clientIp: "10.9.9.9" }));
    expect(refused).toMatchObject({ code: "THROTTLED", details: { by: "address" } });
    expect(await db.registrationRequest.count({ where: { email: "addr5@example.jp" } })).toBe(0);
  });

  it("one mail address may receive three an hour, from any client address: the 4th is refused and nothing is mailed", async () => {
    const to = "target@victim.example.jp";
    for (let i = 0; i < 3; i++) await requestRegistration({ input: form({ email: to }), clientIp: `10.8.0.${i}` });
    // The same address written another way (全角, upper case) is the same destination.
    const refused = await rejection(requestRegistration({ input: form({ email: "ＴＡＲＧＥＴ@victim.example.jp" }), clientIp: "10.8.0.9" }));
    expect(refused).toMatchObject({ code: "THROTTLED", details: { by: "mail" } });
    expect((refused.details.until as Date).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(await db.mailOutbox.count({ where: { template: "REGISTRATION_RECEIVED", toAddress: to } })).toBe(3);
    // Another destination from the same client address is not affected.
    await requestRegistration({ input: form({ email: "someone-else@example.jp" }), clientIp: "10.8.0.9" });
    // The counters hold no mail address.
    expect(await db.throttleCounter.count({ where: { key: { contains: "victim" } } })).toBe(0);
  });

  it("each request is counted before it is judged: of ten at once to one mail address, exactly three go through", async () => {
    const to = "burst@example.jp";
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => requestRegistration({ input: form({ email: to }), clientIp: `10.7.0.${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(results.filter((r) => r.status === "rejected" && (r.reason as DomainError).code === "THROTTLED")).toHaveLength(7);
    expect(await db.registrationRequest.count({ where: { email: to } })).toBe(3);
  });
});

describe("approveRegistrationRequest", () => {
  it("creates the company, its first user without a password, and the mailed link: made at send, hashed, 24 hours", async () => {
    const { id } = await newRequest({ email: "approve@example.jp", contactName: "承認 待子" });
    const result = await approveRegistrationRequest({ requestId: id, staffId });
    expect(result.customerId).toMatch(/^c\d{7}$/);

    const user = await db.contractorUser.findUniqueOrThrow({ where: { id: result.userId }, include: { company: true, setupTokens: true } });
    expect(user).toMatchObject({ customerId: result.customerId, name: "承認 待子", email: "approve@example.jp", passwordHash: null });
    expect(user.company).toMatchObject({ id: result.companyId, name: "株式会社　桜島組", phone: "099-222-3333" });
    const request = await db.registrationRequest.findUniqueOrThrow({ where: { id } });
    expect(request).toMatchObject({ status: "APPROVED", companyId: result.companyId, decidedById: staffId });

    expect(user.setupTokens).toHaveLength(1);
    expect(user.setupTokens[0]).toMatchObject({ tokenHash: null, expiresAt: null }); // no token until the mail goes
    const before = Date.now();
    const token = await tokenMailedTo("approve@example.jp");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const stored = await db.passwordSetupToken.findUniqueOrThrow({ where: { id: user.setupTokens[0]!.id } });
    expect(stored.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(stored.tokenHash).not.toContain(token);
    const hours = (stored.expiresAt!.getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "registration.approve", entityId: id } });
    expect(audit.actorType).toBe("STAFF");
    expect(JSON.stringify({ before: audit.before, after: audit.after })).not.toContain(token);

    expect((await rejection(approveRegistrationRequest({ requestId: id, staffId }))).code).toBe("INVALID_STATE");
  });

  it("takes the お客様ID staff chose, and refuses one already taken without creating anything", async () => {
    const { id } = await newRequest({ email: "chosen@example.jp" });
    const companies = await db.company.count();
    const taken = await rejection(approveRegistrationRequest({ requestId: id, staffId, customerId: "demo-kensetsu" }));
    expect(taken.code).toBe("CONFLICT");
    expect(await db.company.count()).toBe(companies);
    expect((await db.registrationRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");

    expect((await rejection(approveRegistrationRequest({ requestId: id, staffId, customerId: "x" }))).code).toBe("VALIDATION");
    const ok = await approveRegistrationRequest({ requestId: id, staffId, customerId: "Sakurajima-Gumi" });
    expect(ok.customerId).toBe("sakurajima-gumi");
  });

  it("is for staff only, and for existing requests", async () => {
    const { id } = await newRequest();
    expect((await rejection(approveRegistrationRequest({ requestId: id, staffId: demo.kensetsu.userId }))).code).toBe("FORBIDDEN");
    expect((await rejection(approveRegistrationRequest({ requestId: "00000000-0000-4000-8000-000000000000", staffId }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("rejectRegistrationRequest", () => {
  it("rejects once with the reason, creating no company", async () => {
    const { id } = await newRequest();
    await rejectRegistrationRequest({ requestId: id, staffId, reason: "建設業許可番号を確認できませんでした" });
    expect(await db.registrationRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "REJECTED",
      rejectReason: "建設業許可番号を確認できませんでした",
      companyId: null,
    });
    expect((await rejection(approveRegistrationRequest({ requestId: id, staffId }))).code).toBe("INVALID_STATE");
    expect((await rejection(rejectRegistrationRequest({ requestId: id, staffId, reason: "再度" }))).code).toBe("INVALID_STATE");
  });
});

describe("the password-setup link", () => {
  it("works once: the password is set, the user can log in, and the same link then fails", async () => {
    const { id } = await newRequest({ email: "once@example.jp" });
    const { customerId } = await approveRegistrationRequest({ requestId: id, staffId });
    const token = await tokenMailedTo("once@example.jp");

    expect(await checkPasswordSetupToken({ token })).toMatchObject({ ok: true, customerId });
    expect(await setPasswordWithToken({ token, password: "sakurajima-2024!" })).toEqual({ loginId: customerId });
    expect((await authenticateContractor(customerId, "sakurajima-2024!", "10.1.1.1")).ok).toBe(true);

    expect(await checkPasswordSetupToken({ token })).toEqual({ ok: false });
    expect((await rejection(setPasswordWithToken({ token, password: "another-password-99" }))).code).toBe("TOKEN_INVALID");
    expect((await authenticateContractor(customerId, "another-password-99", "10.1.1.2")).ok).toBe(false);
  });

  it("two simultaneous uses of one link: exactly one wins", async () => {
    const { id } = await newRequest({ email: "race@example.jp" });
    await approveRegistrationRequest({ requestId: id, staffId });
    const token = await tokenMailedTo("race@example.jp");
    const results = await Promise.allSettled([
      setPasswordWithToken({ token, password: "first-password-123" }),
      setPasswordWithToken({ token, password: "second-password-456" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("an expired link fails and sets nothing", async () => {
    const { id } = await newRequest({ email: "expired@example.jp" });
    const { userId } = await approveRegistrationRequest({ requestId: id, staffId });
    const token = await tokenMailedTo("expired@example.jp");
    await db.passwordSetupToken.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(await checkPasswordSetupToken({ token })).toEqual({ ok: false });
    expect((await rejection(setPasswordWithToken({ token, password: "too-late-password" }))).code).toBe("TOKEN_INVALID");
    expect((await db.contractorUser.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull();
  });

  it("an unknown link fails, and a password shorter than 12 characters is refused without using the link", async () => {
    expect((await rejection(setPasswordWithToken({ token: "made-up-token", password: "long-enough-password" }))).code).toBe(
      "TOKEN_INVALID",
    );
    const { id } = await newRequest({ email: "short@example.jp" });
    await approveRegistrationRequest({ requestId: id, staffId });
    const token = await tokenMailedTo("short@example.jp");
    expect((await rejection(setPasswordWithToken({ token, password: "short-11ch" }))).code).toBe("VALIDATION");
    expect((await checkPasswordSetupToken({ token })).ok).toBe(true);
  });
});
