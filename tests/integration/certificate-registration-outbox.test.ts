/**
 * The surety's registration outbox (issue 27, the surety's side): conclusion, change, 再発行 and 解約 queue signed
 * entries in their own transaction; a dispatcher delivers them to D-Sure (here over real HTTP, through the registration
 * route, and in-process) with retries, exactly once, in order; mail announcing a registration waits for D-Sure's
 * acceptance; 登録状況 says where each certificate stands; staff can retry a 登録エラー.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as registrationRoute } from "@/app/api/dsure/v1/registrations/route";
import { createRegistrationClient, type RegistrationClient } from "@/lib/certificate/create-registration-client";
import { dispatchCertificateRegistrations } from "@/lib/certificate/dispatch-certificate-registrations";
import { drainCertificateRegistrations } from "@/lib/certificate/drain-certificate-registrations";
import { REGISTRATION_STATE_SELECT, registrationStateOf } from "@/lib/certificate/registration-state";
import { retryCertificateRegistration } from "@/lib/certificate/retry-certificate-registration";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { db } from "@/lib/db";
import { dsureDb } from "@/lib/dsure/db";
import { readChain } from "@/lib/dsure/read-chain";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { authKeyKeys, env, resetEnvForTests } from "@/lib/env";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { isDomainError } from "@/lib/errors";
import { checkReceipt, signReceipt } from "@/lib/dsure/receipt";
import { pinnedDsureKey } from "@/lib/certificate/pinned-dsure-key";
import { dispatchDueMails } from "@/lib/mail/dispatch-due-mails";
import { mailTransportFromEnv, type MailTransport } from "@/lib/mail/transport";
import { startSmtpSink, type SmtpSink } from "../../scripts/lib/smtp-sink";
import { createSubmittedApplication, ensureSeeded, markReviewed, staffUserId } from "../support/admin-fixtures";

const FAST_RETRY = { baseMs: 10, maxMs: 50 };

/** D-Sure's registration route served over HTTP on a port of its own; stop() and start() again on the same port. */
class DsureServer {
  private server: http.Server | null = null;
  port = 0;
  async start() {
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const response = await registrationRoute(
        new Request(`http://127.0.0.1:${this.port}${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }
  async stop() {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
}

let sink: SmtpSink;
let transport: MailTransport;
const dsure = new DsureServer();

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  resetEnvForTests();
  transport = mailTransportFromEnv();
  await ensureSeeded(db);
  await dsure.start();
});

afterAll(async () => {
  transport?.close();
  await sink?.stop();
  await dsure.stop();
});

async function conclude(workName: string) {
  const app = await createSubmittedApplication(db, { deliveryMethod: "ELECTRONIC", workName });
  await markReviewed(db, { applicationId: app.id, reviewerId: await staffUserId(db, "staff-tanto") });
  const r = await concludeContract({ applicationId: app.id, approverId: await staffUserId(db, "staff-shonin") });
  return r.contracts[0]!;
}

async function stateOf(contractId: string) {
  const c = await db.guaranteeContract.findUniqueOrThrow({ where: { id: contractId }, select: REGISTRATION_STATE_SELECT });
  return registrationStateOf(c.registrations);
}

async function sendMails() {
  for (let i = 0; i < 50; i++) if ((await dispatchDueMails({ db, transport })).claimed === 0) return;
}

async function liveKey(contractId: string) {
  const k = await db.authKey.findFirstOrThrow({ where: { contractId, revokedAt: null }, select: { ciphertext: true } });
  return decryptAuthKey(k.ciphertext, authKeyKeys().encryptionKey);
}

/** A client that records each entry it carries (contract number and seq), to prove nothing is sent twice. */
function counting(client: RegistrationClient, sent: string[]): RegistrationClient {
  return {
    close: () => client.close(),
    query: (request) => client.query(request),
    async send(request) {
      const answer = await client.send(request);
      if (answer.ok) for (const e of request.payload.entries) sent.push(`${e.contractNumber}#${e.seq}`);
      return answer;
    },
  };
}

describe("D-Sure stopped while conclusions are made", () => {
  it("registers every one exactly once when it returns, and no mail goes out before its registration", async () => {
    await drainCertificateRegistrations({ db }); // whatever earlier tests left
    const http = createRegistrationClient({ url: dsure.url });
    await dsure.stop();

    const concluded: Awaited<ReturnType<typeof conclude>>[] = [];
    for (let i = 0; i < 20; i++) concluded.push(await conclude(`停止中の締結 ${i + 1}`));
    const ids = concluded.map((c) => c.id);

    // Two dispatchers try while D-Sure is down: every certificate waits (登録待ち, with the reason), nothing is sent.
    const down = await Promise.all([
      dispatchCertificateRegistrations({ db, client: http, retry: FAST_RETRY }),
      dispatchCertificateRegistrations({ db, client: http, retry: FAST_RETRY }),
    ]);
    expect(down[0].claimed + down[1].claimed).toBe(20);
    expect(down[0].registered + down[1].registered).toBe(0);
    const waiting = await stateOf(ids[0]!);
    expect(waiting).toMatchObject({ status: "PENDING", label: "登録待ち", reasonCode: "unreachable", attempts: 1 });
    await sendMails();
    const subjects = () => sink.messages.filter((m) => concluded.some((c) => m.parsed.text?.includes(c.contractNumber))).length;
    expect(subjects()).toBe(0);
    for (const c of concluded) expect((await lookupCertificate({ contractNumber: c.contractNumber, authKey: await liveKey(c.id), clientIp: "198.51.100.7", userAgent: "t", channel: "API" })).ok).toBe(false);

    // D-Sure returns: two dispatchers at once, until nothing is due.
    await dsure.start();
    await new Promise((r) => setTimeout(r, 60)); // past the retry delay
    const sent: string[] = [];
    for (let round = 0; round < 20; round++) {
      const r = await Promise.all([
        dispatchCertificateRegistrations({ db, client: counting(http, sent), retry: FAST_RETRY }),
        dispatchCertificateRegistrations({ db, client: counting(http, sent), retry: FAST_RETRY }),
      ]);
      if (r[0].claimed + r[1].claimed === 0) break;
    }
    const ours = sent.filter((s) => concluded.some((c) => s.startsWith(`${c.contractNumber}#`)));
    expect(ours).toHaveLength(40); // 版 1 and the key of each
    expect(new Set(ours).size).toBe(40);

    for (const c of concluded) {
      expect(await stateOf(c.id)).toMatchObject({ status: "REGISTERED", label: "登録済み" });
      const chain = await readChain(dsureDb, { issuerCode: env().SURETY_ISSUER_CODE, contractNumber: c.contractNumber });
      expect(chain.map((e) => e.kind)).toEqual(["VERSION", "KEY"]);
      const r = await lookupCertificate({ contractNumber: c.contractNumber, authKey: await liveKey(c.id), clientIp: "198.51.100.8", userAgent: "t", channel: "API" });
      expect(r.ok && r.view.displayStatus).toBe("VALID");
    }

    // Now the mails go out, each after its certificate's registration.
    await sendMails();
    expect(subjects()).toBe(20);
    const mails = await db.mailOutbox.findMany({
      where: { template: "CERTIFICATE_REGISTERED", text: { contains: "停止中の締結" } },
      select: { text: true, sentAt: true, status: true },
    });
    expect(mails).toHaveLength(20);
    for (const c of concluded) {
      const mail = mails.find((m) => m.text.includes(c.contractNumber))!;
      const key = await db.certificateRegistration.findFirstOrThrow({ where: { contractId: c.id, kind: "KEY" }, select: { registeredAt: true } });
      expect(mail.status).toBe("SENT");
      expect(mail.sentAt!.getTime()).toBeGreaterThanOrEqual(key.registeredAt!.getTime());
    }
  }, 120_000);
});

describe("登録エラー and 再登録", () => {
  it("a refusal for the entries themselves is 登録エラー at once with D-Sure's reason; an APPROVER's 再登録 sends them again", async () => {
    const c = await conclude("登録エラーの締結");
    // D-Sure's configuration does not know our key (as when a surety's new key has not reached D-Sure yet).
    const stranger = crypto.generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    const other = [{ code: env().SURETY_ISSUER_CODE, name: "西日本建設業保証株式会社", keys: [{ publicKeyPem: stranger }] }];
    process.env.DSURE_ISSUERS = JSON.stringify(other);
    resetEnvForTests();
    try {
      const client = createRegistrationClient({});
      const r = await dispatchCertificateRegistrations({ db, client }).finally(() => client.close());
      expect(r.failed).toBeGreaterThanOrEqual(1);
    } finally {
      delete process.env.DSURE_ISSUERS;
      resetEnvForTests();
    }
    const failed = await stateOf(c.id);
    expect(failed).toMatchObject({ status: "FAILED", label: "登録エラー", reasonCode: "unknown_key", attempts: 1 });
    expect(failed.reason).toContain("登録されていない発行者または鍵");
    // The dispatcher leaves it alone until someone acts.
    const client = createRegistrationClient({});
    expect((await dispatchCertificateRegistrations({ db, client }).finally(() => client.close())).claimed).toBe(0);

    const reviewer = await staffUserId(db, "staff-tanto");
    const refused = await retryCertificateRegistration({ contractId: c.id, staffId: reviewer }).catch((e: unknown) => e);
    expect(isDomainError(refused, "FORBIDDEN")).toBe(true);
    expect(await stateOf(c.id)).toMatchObject({ status: "FAILED" });

    const approver = await staffUserId(db, "staff-shonin");
    expect(await retryCertificateRegistration({ contractId: c.id, staffId: approver })).toEqual({ requeued: 2 });
    expect(await stateOf(c.id)).toMatchObject({ status: "PENDING", attempts: 0 });
    await drainCertificateRegistrations({ db });
    expect(await stateOf(c.id)).toMatchObject({ status: "REGISTERED" });
    expect(await retryCertificateRegistration({ contractId: c.id, staffId: approver })).toEqual({ requeued: 0 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "certificate.registration.retry", entityId: c.id } });
    expect(audit.actorLabel).toBe("staff-shonin");
  });

  it("an answer that does not match what was sent is not taken as registered", async () => {
    const c = await conclude("応答不一致の締結");
    const lying: RegistrationClient = {
      close: async () => {},
      query: async () => ({ ok: false, reason: "not asked" }),
      async send(request) {
        return {
          ok: true,
          entries: request.payload.entries.map((e) => ({
            contractNumber: e.contractNumber, seq: e.seq, hash: "0".repeat(64), status: "registered" as const, receipt: null as never,
          })),
        };
      },
    };
    await dispatchCertificateRegistrations({ db, client: lying });
    expect(await stateOf(c.id)).toMatchObject({ status: "FAILED", reasonCode: "answer_mismatch" });
    await retryCertificateRegistration({ contractId: c.id, staffId: await staffUserId(db, "staff-shonin") });
    await drainCertificateRegistrations({ db });
    expect(await stateOf(c.id)).toMatchObject({ status: "REGISTERED" });
  });

  it("each registered entry keeps D-Sure's receipt, checked against the pinned key; a receipt signed by another key is not taken", async () => {
    const c = await conclude("受領証の確認");
    const real = createRegistrationClient({});
    const impostorKey = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    // D-Sure registers the entries, but the receipts come back signed by a key the surety has not pinned.
    const forging: RegistrationClient = {
      close: () => real.close(),
      query: (q) => real.query(q),
      async send(request) {
        const answer = await real.send(request);
        if (!answer.ok) return answer;
        return { ok: true, entries: answer.entries.map((e) => ({ ...e, receipt: signReceipt({ privateKeyPem: impostorKey, receipt: e.receipt.receipt }) })) };
      },
    };
    await dispatchCertificateRegistrations({ db, client: forging }).finally(() => forging.close());
    expect(await stateOf(c.id)).toMatchObject({ status: "FAILED", reasonCode: "receipt_invalid" });

    await retryCertificateRegistration({ contractId: c.id, staffId: await staffUserId(db, "staff-shonin") });
    await drainCertificateRegistrations({ db });
    expect(await stateOf(c.id)).toMatchObject({ status: "REGISTERED" });
    const rows = await db.certificateRegistration.findMany({ where: { contractId: c.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.kind)).toEqual(["VERSION", "KEY"]);
    for (const r of rows) {
      const checked = checkReceipt({
        signed: r.receipt,
        publicKeyPem: pinnedDsureKey(),
        expected: { issuer: env().SURETY_ISSUER_CODE, contractNumber: r.contractNumber, seq: r.seq, entryHash: r.hash },
      });
      expect(checked).toMatchObject({ ok: true, receipt: { receipt: { length: r.seq, head: r.hash } } });
    }
    // The receipt speaks of this entry only: held against another entry, it does not check.
    expect(checkReceipt({ signed: rows[0]!.receipt, publicKeyPem: pinnedDsureKey(), expected: { issuer: env().SURETY_ISSUER_CODE, contractNumber: rows[1]!.contractNumber, seq: 2, entryHash: rows[1]!.hash } })).toEqual({ ok: false, problem: "MISMATCH" });
  });
});
