/**
 * Sessions that end when they should (docs/decisions/013): the cookie names a server-side session, and the check of
 * every request finds it live — not ended by logout, a password change or 無効化, not past its absolute lifetime,
 * its user active. Against a real database; the HTTP side (a replayed cookie on two instances) is in the cluster tier.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { authenticateContractor, authenticateStaff, type ContractorPrincipal, type StaffPrincipal } from "@/lib/auth/authenticate";
import { changePassword } from "@/lib/auth/change-password";
import { endSessions } from "@/lib/auth/end-sessions";
import { findLiveContractorSession, findLiveStaffSession } from "@/lib/auth/find-live-session";
import { SESSION_ABSOLUTE_HOURS } from "@/lib/auth/session-lifetime";
import { startSession } from "@/lib/auth/start-session";
import { purgeStaleAuthRows } from "@/lib/auth/purge-stale-auth-rows";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createPasswordSetupToken } from "@/lib/registration/create-password-setup-token";
import { issueLinkToken } from "@/lib/registration/issue-link-token";
import { setPasswordWithToken } from "@/lib/registration/set-password-with-token";
import { updateStaffUser } from "@/lib/staff/update-staff-user";
import { DEMO_PASSWORD } from "@/prisma/seed-lib";
import { seedDemo, type Demo } from "./enet-fixtures";

let demo: Demo;
let kensetsu: ContractorPrincipal;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  demo = await seedDemo(db);
  const r = await authenticateContractor("demo-kensetsu", DEMO_PASSWORD, "192.0.2.1");
  if (!r.ok) throw new Error("demo login failed");
  kensetsu = r.principal;
});

async function staffPrincipal(staffId: string): Promise<StaffPrincipal> {
  const r = await authenticateStaff(staffId, DEMO_PASSWORD, "192.0.2.2");
  if (!r.ok) throw new Error(`${staffId} login failed`);
  return r.principal;
}

const live = (sid: string, p: ContractorPrincipal) => findLiveContractorSession({ sid, userId: p.userId });

describe("a session is live until it ends", () => {
  it("starts live, and ends at logout for good", async () => {
    const { sid, expiresAt } = await startSession({ principal: kensetsu, clientIp: "192.0.2.1" });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_ABSOLUTE_HOURS.contractor * HOUR - 60_000);
    expect(await live(sid, kensetsu)).toEqual({ companyId: kensetsu.companyId });
    expect(await endSessions({ which: { sid }, reason: "LOGOUT" })).toBe(1);
    expect(await live(sid, kensetsu)).toBeNull();
    expect(await db.userSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "LOGOUT" });
    // Ending it twice changes nothing; a made-up id is nobody's session.
    expect(await endSessions({ which: { sid }, reason: "LOGOUT" })).toBe(0);
    expect(await live("00000000-0000-4000-8000-000000000000", kensetsu)).toBeNull();
    expect(await live("not-a-uuid", kensetsu)).toBeNull();
  });

  it("belongs to its user only: another user's id with it is no session", async () => {
    const { sid } = await startSession({ principal: kensetsu });
    expect(await findLiveContractorSession({ sid, userId: demo.doboku.userId })).toBeNull();
    expect(await findLiveStaffSession({ sid, userId: kensetsu.userId })).toBeNull();
  });

  it("is refused past its absolute lifetime even while in use: 12 hours for contractors, 8 for staff", async () => {
    const started = new Date(Date.now() - 12 * HOUR - 1000);
    const old = await startSession({ principal: kensetsu, now: started });
    expect(await live(old.sid, kensetsu)).toBeNull();
    const younger = await startSession({ principal: kensetsu, now: new Date(Date.now() - 11 * HOUR) });
    expect(await live(younger.sid, kensetsu)).not.toBeNull();

    const tanto = await staffPrincipal("staff-tanto");
    const staffOld = await startSession({ principal: tanto, now: new Date(Date.now() - 8 * HOUR - 1000) });
    expect(await findLiveStaffSession({ sid: staffOld.sid, userId: tanto.userId })).toBeNull();
    const staffYounger = await startSession({ principal: tanto, now: new Date(Date.now() - 7 * HOUR) });
    expect(await findLiveStaffSession({ sid: staffYounger.sid, userId: tanto.userId })).toEqual({ role: "REVIEWER", secondFactor: false });
  });
});

describe("what ends every session of a user", () => {
  it("無効化 (利用停止) of a staff account ends its sessions; 利用再開 does not bring them back", async () => {
    const shonin = await staffPrincipal("staff-shonin");
    const admin = await staffPrincipal("staff-admin");
    const a = await startSession({ principal: shonin });
    const b = await startSession({ principal: shonin });
    await updateStaffUser({ adminId: admin.userId, id: shonin.userId, change: { active: false } });
    await updateStaffUser({ adminId: admin.userId, id: shonin.userId, change: { active: true } });
    for (const s of [a, b]) {
      expect(await findLiveStaffSession({ sid: s.sid, userId: shonin.userId })).toBeNull();
      expect(await db.userSession.findUniqueOrThrow({ where: { id: s.sid } })).toMatchObject({ endReason: "DEACTIVATED" });
    }
    // A new login after 利用再開 is a new session.
    const c = await startSession({ principal: shonin });
    expect(await findLiveStaffSession({ sid: c.sid, userId: shonin.userId })).toEqual({ role: "APPROVER", secondFactor: false });
  });

  it("a password change (the current password asked) ends every session and starts one for the browser that made it", async () => {
    const doboku = await authenticateContractor("demo-doboku", DEMO_PASSWORD, "192.0.2.3");
    if (!doboku.ok) throw new Error("login failed");
    const p = doboku.principal;
    const here = await startSession({ principal: p });
    const elsewhere = await startSession({ principal: p });

    const wrong = await changePassword({ principal: p, currentPassword: "not-the-password", newPassword: "新しいパスワードです-2026", clientIp: "192.0.2.3" }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: "VALIDATION", details: { field: "currentPassword" } });
    const short = await changePassword({ principal: p, currentPassword: DEMO_PASSWORD, newPassword: "short", clientIp: "192.0.2.3" }).catch((e: unknown) => e);
    expect(short).toMatchObject({ code: "VALIDATION", details: { field: "newPassword" } });
    expect(await live(here.sid, p)).not.toBeNull(); // nothing changed yet

    const next = await changePassword({ principal: p, currentPassword: DEMO_PASSWORD, newPassword: "新しいパスワードです-2026", clientIp: "192.0.2.3" });
    expect(await live(here.sid, p)).toBeNull();
    expect(await live(elsewhere.sid, p)).toBeNull();
    expect(await live(next.sid, p)).not.toBeNull();
    expect((await authenticateContractor("demo-doboku", DEMO_PASSWORD, "192.0.2.4")).ok).toBe(false);
    expect((await authenticateContractor("demo-doboku", "新しいパスワードです-2026", "192.0.2.5")).ok).toBe(true);
    expect(await db.auditLog.count({ where: { action: "user.change_password", entityId: p.userId } })).toBe(1);
  });

  it("wrong current passwords are slowed: five, then the next waits", async () => {
    const tanto = await staffPrincipal("staff-tanto");
    for (let i = 0; i < 5; i++) {
      const e = await changePassword({ principal: tanto, currentPassword: `guess-${i}`, newPassword: "another-long-password", clientIp: "192.0.2.6" }).catch((x: unknown) => x);
      expect((e as DomainError).code).toBe("VALIDATION");
    }
    const e = await changePassword({ principal: tanto, currentPassword: DEMO_PASSWORD, newPassword: "another-long-password", clientIp: "192.0.2.6" }).catch((x: unknown) => x);
    expect((e as DomainError).code).toBe("THROTTLED");
  });

  it("setting the password through a mailed link ends the account's sessions too", async () => {
    const s = await startSession({ principal: kensetsu });
    const { tokenId } = await createPasswordSetupToken(db, { userId: kensetsu.userId });
    const token = await issueLinkToken(db, { tokenId }); // as the dispatcher does when the mail is sent
    await setPasswordWithToken({ token, password: "リンクから設定したパスワード" });
    expect(await live(s.sid, kensetsu)).toBeNull();
    expect(await db.userSession.findUniqueOrThrow({ where: { id: s.sid } })).toMatchObject({ endReason: "PASSWORD_CHANGED" });
  });
});

describe("housekeeping", () => {
  it("deletes attempt counters untouched for a day (not one still delaying) and sessions 90 days past their end", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 25 * HOUR);
    await db.throttleCounter.createMany({
      data: [
        { key: "test:stale", windowStart: old, failures: 1, updatedAt: old },
        { key: "test:stale-but-delaying", windowStart: old, failures: 9, blockedUntil: new Date(now.getTime() + HOUR), updatedAt: old },
        { key: "test:fresh", windowStart: now, failures: 1, updatedAt: now },
      ],
    });
    const ancient = await startSession({ principal: kensetsu, now: new Date(now.getTime() - 91 * 24 * HOUR) });
    const recent = await startSession({ principal: kensetsu, now: new Date(now.getTime() - 13 * HOUR) });
    const r = await purgeStaleAuthRows({ now });
    expect(r.throttleCounters).toBeGreaterThanOrEqual(1);
    expect(r.sessions).toBe(1);
    const keys = (await db.throttleCounter.findMany({ where: { key: { startsWith: "test:" } }, select: { key: true } })).map((k) => k.key);
    expect(keys.sort()).toEqual(["test:fresh", "test:stale-but-delaying"]);
    expect(await db.userSession.findUnique({ where: { id: ancient.sid } })).toBeNull();
    expect(await db.userSession.findUnique({ where: { id: recent.sid } })).not.toBeNull();
  });
});
