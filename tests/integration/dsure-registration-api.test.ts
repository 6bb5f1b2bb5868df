/**
 * POST /api/dsure/v1/registrations: an issuer whose app runs apart registers chain entries with a signed request.
 * Replays, stale timestamps, unknown keys, bad signatures, other issuers' entries and forks are refused, each with
 * its reason, and leave nothing behind; the same entries twice are one registration.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { createDsureClient } from "@/lib/dsure/db";
import { env, resetEnvForTests, suretySecret } from "@/lib/env";
import { POST } from "@/app/api/dsure/v1/registrations/route";
import { POST as queryRoute } from "@/app/api/dsure/v1/issuer-queries/route";
import { signIssuerQuery, type TIssuerQuery, type TIssuerQueryBody } from "@/lib/dsure/issuer-query";
import { checkReceipt } from "@/lib/dsure/receipt";
import { pinnedDsureKey } from "@/lib/certificate/pinned-dsure-key";
import { CHAIN_ENTRY_FORMAT, chainEntryBytes, chainEntryHash, sealKey, type ChainEntryBody, type SignedChainEntry } from "@/lib/dsure/chain-format";
import { signRegistrationRequest, type TRegistrationRequest } from "@/lib/dsure/registration-request";
import { purgeRegistrationNonces } from "@/lib/dsure/purge-registration-nonces";
import { acceptRegistrationRequest } from "@/lib/dsure/accept-registration-request";
import { lookupCertificate } from "@/lib/dsure/lookup-certificate";
import { generateSigningKeyPair, keyIdOf, signCertificateContent } from "@/lib/certificate/signature";
import { formatContractNumber } from "@/lib/contract-number/format-contract-number";
import { seed } from "@/prisma/seed-lib";

const db = createPrismaClient(process.env.DATABASE_URL!, 3);
/** D-Sure's own client on the same database (its tables are not the surety's). */
const dsure = createDsureClient(process.env.DATABASE_URL!, 3);

/** Our issuer as D-Sure's default configuration names it: its code and the configured signing key. */
const issuer = () => env().SURETY_ISSUER_CODE;
const privateKeyPem = () => suretySecret("CERT_SIGNING_PRIVATE_KEY");
const keyId = () => keyIdOf(crypto.createPublicKey(crypto.createPrivateKey(privateKeyPem())));

let serial = 9_000_000;
function certificate(authKey = "ABCDEFGHJKMNPQRS", signer = { privateKeyPem: privateKeyPem(), keyId: keyId() }, issuerCode = issuer()) {
  return certificateFor(formatContractNumber({ fiscalYear: 2026, sequence: ++serial }), authKey, signer, issuerCode);
}

/** A 版 1 and its key, signed by `signer` as `issuerCode`, for `contractNumber`. */
function certificateFor(contractNumber: string, authKey = "ABCDEFGHJKMNPQRS", signer = { privateKeyPem: privateKeyPem(), keyId: keyId() }, issuerCode = issuer()) {
  const at = new Date().toISOString();
  const content = { contractNumber, version: 1, guaranteeType: "ADVANCE_PAYMENT", guarantee: { amount: 10_000_000, periodTo: "2099-03-31" }, work: { name: "遠隔登録の工事" } };
  const signed = signCertificateContent({ content, privateKeyPem: signer.privateKeyPem });
  const sign = (body: ChainEntryBody): SignedChainEntry => ({
    ...body,
    keyId: signer.keyId,
    signature: crypto.sign(null, chainEntryBytes(body), crypto.createPrivateKey(signer.privateKeyPem)).toString("base64url"),
  });
  const version = sign({
    format: CHAIN_ENTRY_FORMAT, issuer: issuerCode, contractNumber, seq: 1, kind: "VERSION", at, prev: null,
    data: { version: 1, content, contentHash: signed.contentHash, signature: { keyId: signed.keyId, value: signed.signature }, changeSummary: null },
  });
  const sealed = sealKey({ key: authKey, contractNumber, reissue: false });
  const key = {
    ...sign({ format: CHAIN_ENTRY_FORMAT, issuer: issuerCode, contractNumber, seq: 2, kind: "KEY", at, prev: chainEntryHash(version), data: sealed.data }),
    opening: sealed.opening,
  };
  return { contractNumber, authKey, entries: [version, key] };
}

const requestOf = (entries: SignedChainEntry[], o: Partial<Parameters<typeof signRegistrationRequest>[0]> = {}) =>
  signRegistrationRequest({ issuer: issuer(), privateKeyPem: privateKeyPem(), keyId: keyId(), entries, ...o });

async function send(body: TRegistrationRequest | string, contentType = "application/json") {
  const res = await POST(
    new Request("http://localhost/api/dsure/v1/registrations", {
      method: "POST",
      headers: { "content-type": contentType },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return { status: res.status, body: await res.json() };
}

const stored = (contractNumber: string) => dsure.dsureChainEntry.count({ where: { contractNumber } });
const nonces = () => dsure.dsureRegistrationNonce.count();

beforeAll(async () => {
  await seed(db);
});

afterAll(async () => {
  await Promise.all([db.$disconnect(), dsure.$disconnect()]);
});

describe("POST /api/dsure/v1/registrations", () => {
  it("registers a certificate sent by its issuer; D-Sure then shows it; the same entries again are one registration", async () => {
    const c = certificate();
    const first = await send(requestOf(c.entries));
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { seq: number; status: string }) => [e.seq, e.status])).toEqual([[1, "registered"], [2, "registered"]]);
    // Each with D-Sure's receipt, signed by D-Sure's own key: that entry, its hash, the chain's length and head after it.
    for (const [i, e] of (first.body.entries as { seq: number; hash: string; receipt: unknown }[]).entries()) {
      expect(e.hash).toBe(chainEntryHash(c.entries[i]!));
      expect(checkReceipt({ signed: e.receipt, publicKeyPem: pinnedDsureKey(), expected: { issuer: issuer(), contractNumber: c.contractNumber, seq: e.seq, entryHash: e.hash } })).toMatchObject({
        ok: true,
        receipt: { receipt: { format: "dsure-receipt/1", length: e.seq, head: e.hash } },
      });
    }

    const r = await lookupCertificate({ contractNumber: c.contractNumber, authKey: c.authKey, clientIp: "203.0.113.70", userAgent: null, channel: "API" });
    expect(r.ok && [r.view.displayStatus, (r.view.current.content as { work: { name: string } }).work.name]).toEqual(["VALID", "遠隔登録の工事"]);

    // Sent again (a retry after a lost answer): a new request, the same entries — nothing new is stored.
    const again = await send(requestOf(c.entries));
    expect(again.status).toBe(200);
    expect(again.body.entries.map((e: { status: string }) => e.status)).toEqual(["already", "already"]);
    expect(await stored(c.contractNumber)).toBe(2);
  });

  it("refuses a replayed request and keeps nothing of it", async () => {
    const c = certificate();
    const request = requestOf(c.entries.slice(0, 1));
    expect((await send(request)).status).toBe(200);
    const before = await nonces();
    const replay = await send(request);
    expect(replay).toEqual({ status: 409, body: { error: "replayed", message: expect.any(String), details: { nonce: request.payload.nonce } } });
    expect(await stored(c.contractNumber)).toBe(1);
    expect(await nonces()).toBe(before);
  });

  it("refuses a stale timestamp, one from the future, an unknown key and a bad signature, each with its reason, leaving nothing", async () => {
    const c = certificate();
    const before = await nonces();
    const stale = await send(requestOf(c.entries, { now: new Date(Date.now() - 10 * 60_000) }));
    expect([stale.status, stale.body.error]).toEqual([401, "stale_timestamp"]);
    const future = await send(requestOf(c.entries, { now: new Date(Date.now() + 10 * 60_000) }));
    expect([future.status, future.body.error]).toEqual([401, "stale_timestamp"]);

    const stranger = generateSigningKeyPair();
    const unknown = await send(requestOf(c.entries, { privateKeyPem: stranger.privateKeyPem, keyId: stranger.keyId }));
    expect([unknown.status, unknown.body.error]).toEqual([401, "unknown_key"]);
    // Our key id on a request the stranger signed.
    const forged = await send(requestOf(c.entries, { privateKeyPem: stranger.privateKeyPem }));
    expect([forged.status, forged.body.error]).toEqual([401, "bad_signature"]);
    // A genuine request altered on the way.
    const altered = requestOf(c.entries);
    altered.payload.entries = altered.payload.entries.slice(0, 1);
    expect((await send(altered)).body.error).toBe("bad_signature");
    const unknownIssuer = await send(requestOf(c.entries, { issuer: "higashi-nihon" }));
    expect([unknownIssuer.status, unknownIssuer.body.error]).toEqual([401, "unknown_key"]);

    expect(await stored(c.contractNumber)).toBe(0);
    expect(await nonces()).toBe(before);
  });

  it("refuses another issuer's entries, a fork and entries D-Sure's checks refuse, leaving nothing (the nonce included)", async () => {
    const before = await nonces();
    const foreign = certificate(undefined, undefined, "higashi-nihon");
    const wrong = await send(requestOf(foreign.entries));
    expect([wrong.status, wrong.body.error]).toEqual([403, "wrong_issuer"]);

    const c = certificate();
    expect((await send(requestOf(c.entries))).status).toBe(200);
    const nonceCount = await nonces();
    // Another 版 1 for the same number: a fork.
    const other = certificate();
    const fork = { ...other.entries[0]!, contractNumber: c.contractNumber };
    const forked = await send(requestOf([fork]));
    expect([forked.status, forked.body.error, forked.body.details]).toEqual([409, "entry_refused", { contractNumber: c.contractNumber, seq: 1, problem: "FORK" }]);

    // A new certificate whose second entry does not follow the first: nothing of it is kept, the good first entry neither.
    const d = certificate();
    const broken = { ...d.entries[1]!, prev: "0".repeat(64) };
    const refused = await send(requestOf([d.entries[0]!, broken]));
    expect([refused.status, refused.body.error, refused.body.details.problem]).toEqual([409, "entry_refused", "PREVIOUS_HASH"]);
    expect(await stored(d.contractNumber)).toBe(0);
    expect(await nonces()).toBe(nonceCount);
    expect(nonceCount).toBe(before + 1);

    // A sealed key without its opening, or with one that does not open the signed commitment: refused.
    const e = certificate();
    const { opening: _none, ...unopened } = e.entries[1]!;
    const noOpening = await send(requestOf([e.entries[0]!, unopened]));
    expect([noOpening.status, noOpening.body.details?.problem]).toEqual([409, "KEY_BINDING"]);
    const otherOpening = { ...e.entries[1]!, opening: certificate().entries[1]!.opening };
    const wrongOpening = await send(requestOf([e.entries[0]!, otherOpening]));
    expect([wrongOpening.status, wrongOpening.body.details?.problem]).toEqual([409, "KEY_BINDING"]);
    expect(await stored(e.contractNumber)).toBe(0);
  });

  it("answers 415 to anything but JSON and 400 to JSON that is not a request", async () => {
    expect((await send("{}", "text/plain")).status).toBe(415);
    expect((await send("not json")).status).toBe(400);
    const bad = await send(JSON.stringify({ payload: { format: "x" }, signature: "" }));
    expect([bad.status, bad.body.error]).toEqual([400, "invalid_request"]);
  });

  it("forgets nonces once their requests would be refused as stale anyway", async () => {
    const c = certificate();
    const old = requestOf(c.entries, { now: new Date(Date.now() - 4 * 60_000) });
    expect((await send(old)).status).toBe(200);
    // Still inside the window: kept, and a replay is refused by its nonce.
    await purgeRegistrationNonces({ db: dsure });
    expect((await send(old)).body.error).toBe("replayed");
    const later = new Date(Date.now() + 20 * 60_000);
    await purgeRegistrationNonces({ db: dsure, now: later });
    expect(await dsure.dsureRegistrationNonce.count({ where: { nonce: old.payload.nonce } })).toBe(0);
    // Replayed then, it is refused as stale before its nonce is looked at.
    expect(await acceptRegistrationRequest({ body: old, db: dsure, now: later })).toMatchObject({ ok: false, error: "stale_timestamp" });
  });
});

/** For the enclosing describe: D-Sure's configuration names us and 東日本建設業保証 (with `east`'s key). */
function trustTwoIssuers(east: { publicKeyPem: string }) {
  beforeAll(() => {
    const ours = crypto.createPublicKey(crypto.createPrivateKey(privateKeyPem())).export({ type: "spki", format: "pem" }).toString();
    process.env.DSURE_ISSUERS = JSON.stringify([
      { code: issuer(), name: "西日本建設業保証株式会社", keys: [{ publicKeyPem: ours }] },
      { code: "higashi-nihon", name: "東日本建設業保証株式会社", keys: [{ publicKeyPem: east.publicKeyPem }] },
    ]);
    resetEnvForTests();
  });
  afterAll(() => {
    delete process.env.DSURE_ISSUERS;
    resetEnvForTests();
  });
}

describe("two issuers", () => {
  const east = generateSigningKeyPair();
  trustTwoIssuers(east);

  it("a second configured issuer registers its own certificates; a number held by one issuer is refused to the other", async () => {
    const theirs = certificate("QRSTVWXYZ0123456", east, "higashi-nihon");
    const sent = await send(requestOf(theirs.entries, { issuer: "higashi-nihon", privateKeyPem: east.privateKeyPem, keyId: east.keyId }));
    expect(sent.status).toBe(200);
    const r = await lookupCertificate({ contractNumber: theirs.contractNumber, authKey: theirs.authKey, clientIp: "203.0.113.71", userAgent: null, channel: "API" });
    expect(r.ok && r.view.displayStatus).toBe("VALID");

    // The same number from us: taken.
    const ours = certificate().entries;
    const taken = await send(requestOf([{ ...ours[0]!, contractNumber: theirs.contractNumber }]));
    // Our entry for their number does not carry a signature for that number: refused before the number is looked at…
    expect([taken.status, taken.body.error]).toEqual([409, "entry_refused"]);
    // …and one properly signed for it is refused because the number is theirs.
    const properly = certificateFor(theirs.contractNumber);
    const refused = await send(requestOf(properly.entries));
    expect([refused.status, refused.body.error, refused.body.details]).toEqual([409, "entry_refused", { contractNumber: theirs.contractNumber, seq: 1, problem: "NUMBER_TAKEN" }]);
    expect(await dsure.dsureChainEntry.count({ where: { contractNumber: theirs.contractNumber } })).toBe(2);
  });
});

/** POST /api/dsure/v1/issuer-queries, as the surety's app sends it when D-Sure runs apart. */
async function ask(query: TIssuerQueryBody, o: Partial<Parameters<typeof signIssuerQuery>[0]> = {}) {
  const body: TIssuerQuery = signIssuerQuery({ issuer: issuer(), privateKeyPem: privateKeyPem(), keyId: keyId(), query, ...o });
  const res = await queryRoute(new Request("http://localhost/api/dsure/v1/issuer-queries", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("an issuer's questions about its own certificates (POST /api/dsure/v1/issuer-queries)", () => {
  const east = generateSigningKeyPair();
  trustTwoIssuers(east);

  it("answers 発注者の閲覧 and 照会の警告 for the asker's own numbers only; another issuer's and unregistered numbers are left out", async () => {
    const ours = certificate();
    expect((await send(requestOf(ours.entries))).status).toBe(200);
    const theirs = certificate("QRSTVWXYZ0123457", east, "higashi-nihon");
    expect((await send(requestOf(theirs.entries, { issuer: "higashi-nihon", privateKeyPem: east.privateKeyPem, keyId: east.keyId }))).status).toBe(200);
    const unregistered = formatContractNumber({ fiscalYear: 2026, sequence: 8_999_999 });
    for (const c of [ours, theirs]) {
      const r = await lookupCertificate({ contractNumber: c.contractNumber, authKey: c.authKey, clientIp: "203.0.113.72", userAgent: null, channel: "PAGE" });
      expect(r.ok).toBe(true);
    }
    const views = await ask({ kind: "views", contractNumbers: [ours.contractNumber, theirs.contractNumber, unregistered] });
    expect(views.status).toBe(200);
    const receipts = views.body.receipts as { contractNumber: string; firstViewedAt: string | null }[];
    expect(receipts.map((r) => r.contractNumber)).toEqual([ours.contractNumber]);
    expect(receipts[0]!.firstViewedAt).not.toBeNull();

    // Alarms: D-Sure's record of numbers failing from many addresses, ours only.
    const now = new Date();
    await dsure.dsureAlarm.createMany({
      data: [ours, theirs].map((c) => ({ contractNumber: c.contractNumber, since: now, lastFailureAt: now, failures: 10, addresses: 5 }))
        .concat([{ contractNumber: unregistered, since: now, lastFailureAt: now, failures: 10, addresses: 5 }]),
    });
    const alarms = await ask({ kind: "alarms", take: 100 });
    expect(alarms.status).toBe(200);
    expect((alarms.body.alarms as { contractNumber: string; active: boolean }[]).map((a) => [a.contractNumber, a.active])).toEqual([[ours.contractNumber, true]]);
    expect(alarms.body.threshold).toEqual({ addresses: 5, windowMinutes: 60 });
    // The other issuer sees its own.
    const east_ = await ask({ kind: "alarms", take: 100 }, { issuer: "higashi-nihon", privateKeyPem: east.privateKeyPem, keyId: east.keyId });
    expect((east_.body.alarms as { contractNumber: string }[]).map((a) => a.contractNumber)).toEqual([theirs.contractNumber]);
  });

  it("refuses a query signed by an unknown key, with a bad signature, or stale, each with its reason", async () => {
    const stranger = generateSigningKeyPair();
    const query: TIssuerQueryBody = { kind: "views", contractNumbers: ["2024-0000001-8"] };
    expect(await ask(query, { privateKeyPem: stranger.privateKeyPem, keyId: stranger.keyId })).toMatchObject({ status: 401, body: { error: "unknown_key" } });
    expect(await ask(query, { privateKeyPem: stranger.privateKeyPem })).toMatchObject({ status: 401, body: { error: "bad_signature", message: "照会要求の署名が正しくありません" } });
    expect(await ask(query, { now: new Date(Date.now() - 10 * 60_000) })).toMatchObject({ status: 401, body: { error: "stale_timestamp" } });
    expect(await ask(query, { issuer: "higashi-nihon" })).toMatchObject({ status: 401, body: { error: "unknown_key" } });
    const malformed = await queryRoute(new Request("http://localhost/api/dsure/v1/issuer-queries", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ payload: {} }) }));
    expect(malformed.status).toBe(400);
  });
});
