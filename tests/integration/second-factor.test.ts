/**
 * 二段階認証 (TOTP) on the server: enrolment confirms a sealed secret and gives ten single-use リカバリーコード; the
 * login's 確認コード step accepts a code once, a recovery code once, five wrong codes per step, and slows a guesser
 * who starts new steps with the right password.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "@/lib/auth/start-session";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { answerLoginChallenge, CHALLENGE_MAX_FAILURES } from "@/lib/second-factor/answer-login-challenge";
import { beginLoginChallenge } from "@/lib/second-factor/begin-login-challenge";
import { confirmTotpEnrolment } from "@/lib/second-factor/confirm-totp-enrolment";
import { startTotpEnrolment } from "@/lib/second-factor/start-totp-enrolment";
import { base32Decode, hotp, totpStepAt } from "@/lib/second-factor/totp";
import { createStaffAccount, ensureSeeded } from "../support/admin-fixtures";

let seq = 0;
async function newApprover(): Promise<string> {
  return createStaffAccount(db, { staffId: `totp-${++seq}-${Date.now()}`, role: "APPROVER" });
}

const codeAt = (secret: string, step: number) => hotp(base32Decode(secret), step);
const nowStep = () => totpStepAt(Date.now() / 1000);

/** Enrols `id` and returns its secret and recovery codes (the code of the current step is spent by it). */
async function enrolled(id: string) {
  const e = await startTotpEnrolment({ staffUserId: id });
  if (e.enrolled) throw new Error("already enrolled");
  const { recoveryCodes } = await confirmTotpEnrolment({ staffUserId: id, code: codeAt(e.secret, nowStep()), keepSessionId: null });
  return { secret: e.secret, recoveryCodes };
}

beforeAll(async () => {
  await ensureSeeded(db);
});

describe("二段階認証の設定", () => {
  it("shows one pending secret until a code confirms it; the stored secret is sealed; other sessions end", async () => {
    const id = await newApprover();
    const first = await startTotpEnrolment({ staffUserId: id });
    const again = await startTotpEnrolment({ staffUserId: id });
    expect(first.enrolled).toBe(false);
    expect(again).toEqual(first); // a reload shows the same QR code
    if (first.enrolled) return;
    expect(first.uri).toContain(`secret=${first.secret}`);

    const other = await startSession({ principal: { kind: "staff", userId: id, role: "APPROVER", loginId: "x", name: "x" } });
    const mine = await startSession({ principal: { kind: "staff", userId: id, role: "APPROVER", loginId: "x", name: "x" } });
    const wrong = await confirmTotpEnrolment({ staffUserId: id, code: "000000", keepSessionId: mine.sid }).catch((e: unknown) => e);
    expect(isDomainError(wrong, "VALIDATION")).toBe(true);
    const { recoveryCodes } = await confirmTotpEnrolment({ staffUserId: id, code: codeAt(first.secret, nowStep()), keepSessionId: mine.sid });
    expect(new Set(recoveryCodes).size).toBe(10);

    const row = await db.staffUser.findUniqueOrThrow({ where: { id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpPendingSecret).toBeNull();
    expect(row.totpSecret).not.toContain(first.secret);
    const stored = await db.staffRecoveryCode.findMany({ where: { staffUserId: id } });
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]!.replace("-", ""));
    expect((await db.userSession.findUniqueOrThrow({ where: { id: other.sid } })).endReason).toBe("SECOND_FACTOR_ENROLLED");
    expect((await db.userSession.findUniqueOrThrow({ where: { id: mine.sid } })).endedAt).toBeNull();
    expect(await startTotpEnrolment({ staffUserId: id })).toEqual({ enrolled: true });
  });
});

describe("the 確認コード step of a login", () => {
  it("accepts a code once: the same code in a second login is refused", async () => {
    const id = await newApprover();
    const { secret } = await enrolled(id);
    const next = codeAt(secret, nowStep() + 1); // the current step was spent by the enrolment
    const a = await beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.1" });
    expect(await answerLoginChallenge({ token: a.token, code: next })).toMatchObject({ ok: true, used: "totp" });
    const b = await beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.1" });
    expect(await answerLoginChallenge({ token: b.token, code: next })).toEqual({ ok: false, reason: "INVALID" });
    // Nor an older one, nor the enrolment's.
    expect(await answerLoginChallenge({ token: b.token, code: codeAt(secret, nowStep()) })).toEqual({ ok: false, reason: "INVALID" });
    // The step is used up by its success.
    expect(await answerLoginChallenge({ token: a.token, code: next })).toEqual({ ok: false, reason: "EXPIRED" });
  });

  it("two logins with one code at the same moment: exactly one gets in", async () => {
    const id = await newApprover();
    const { secret } = await enrolled(id);
    const code = codeAt(secret, nowStep() + 1);
    const tokens = await Promise.all([1, 2, 3].map(() => beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.2" })));
    // Each new step ends the earlier ones: only the last is open; race three answers on it.
    const last = tokens.at(-1)!.token;
    const results = await Promise.all([1, 2, 3].map(() => answerLoginChallenge({ token: last, code })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await answerLoginChallenge({ token: tokens[0]!.token, code })).toEqual({ ok: false, reason: "EXPIRED" });
  });

  it("a リカバリーコード works once, as typed (lower case, no hyphen, 全角)", async () => {
    const id = await newApprover();
    const { recoveryCodes } = await enrolled(id);
    const c = recoveryCodes[3]!;
    const a = await beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.3" });
    const typed = c.replace("-", "").toLowerCase().replace(/[a-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(await answerLoginChallenge({ token: a.token, code: typed })).toMatchObject({ ok: true, used: "recovery" });
    const b = await beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.3" });
    expect(await answerLoginChallenge({ token: b.token, code: c })).toEqual({ ok: false, reason: "INVALID" });
  });

  it(`ends after ${CHALLENGE_MAX_FAILURES} wrong codes; starting new steps with the password then waits`, async () => {
    const id = await newApprover();
    const { secret } = await enrolled(id);
    const a = await beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.4" });
    for (let i = 0; i < CHALLENGE_MAX_FAILURES; i++) {
      expect(await answerLoginChallenge({ token: a.token, code: String(100000 + i) })).toEqual({ ok: false, reason: "INVALID" });
    }
    expect(await answerLoginChallenge({ token: a.token, code: codeAt(secret, nowStep() + 1) })).toEqual({ ok: false, reason: "EXPIRED" });
    // A new step (the password was right again): the account's code tries are spent, the next waits.
    const b = await beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.5" });
    expect(await answerLoginChallenge({ token: b.token, code: codeAt(secret, nowStep() + 1) })).toMatchObject({ ok: false, reason: "THROTTLED" });
  });

  it("a step lives five minutes", async () => {
    const id = await newApprover();
    const { secret } = await enrolled(id);
    const a = await beginLoginChallenge({ staffUserId: id, clientIp: "10.5.0.6", now: new Date(Date.now() - 5 * 60_000 - 1000) });
    expect(await answerLoginChallenge({ token: a.token, code: codeAt(secret, nowStep() + 1) })).toEqual({ ok: false, reason: "EXPIRED" });
  });
});
