import "server-only";
import { dsureDb, type DsureDb } from "./db";
import { isDomainError } from "@/lib/errors";
import type { SignedChainEntry } from "./chain-format";
import { checkIssuerSignature, refuseIssuerRequest, type IssuerRequestRefusal } from "./check-issuer-signature";
import { registerChainEntries, type RegisteredEntry } from "./register-chain-entries";
import { ZRegistrationRequestSchema } from "./registration-request";
import { signReceipt, type TSignedReceipt } from "./receipt";
import { registryKey } from "./registry-key";

export type RegistrationRefusal = IssuerRequestRefusal;

/** An entry D-Sure holds, with D-Sure's signed receipt for it. */
export type ReceiptedEntry = RegisteredEntry & { receipt: TSignedReceipt };

export type RegistrationResult = { ok: true; entries: ReceiptedEntry[] } | RegistrationRefusal;

const refuse = refuseIssuerRequest;

/**
 * D-Sure's door for a remote issuer: checks a registration request before anything is stored — its form, that its
 * key is a configured key of the issuer valid at its timestamp, its signature over the canonical payload, that the
 * timestamp is within REGISTRATION_MAX_SKEW_MS of now, and that every entry is the issuer's own — then, in one
 * transaction, records the nonce (a nonce seen before is a replay) and registers the entries idempotently
 * (registerChainEntries). A refused request leaves nothing behind, its nonce included. Once the entries are committed,
 * each is answered with D-Sure's signed receipt (lib/dsure/receipt.ts): an entry it already held gets one too.
 */
export async function acceptRegistrationRequest({
  body,
  db = dsureDb,
  now = new Date(),
}: {
  body: unknown;
  db?: DsureDb;
  now?: Date;
}): Promise<RegistrationResult> {
  const parsed = ZRegistrationRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    return refuse(400, "invalid_request", "登録要求の形式が正しくありません", { issues });
  }
  const { payload, signature } = parsed.data;
  const signedAt = new Date(payload.timestamp);

  const checked = checkIssuerSignature({ payload, signature, now, what: "登録要求" });
  if (!checked.ok) return checked;
  const foreign = payload.entries.find((e) => e.issuer !== payload.issuer);
  if (foreign) return refuse(403, "wrong_issuer", "他の発行者の記録は登録できません", { contractNumber: foreign.contractNumber, seq: foreign.seq });

  class Refused extends Error {
    constructor(readonly refusal: RegistrationRefusal) {
      super(refusal.error);
    }
  }
  try {
    const entries = await db.$transaction(async (tx) => {
      const fresh = await tx.$executeRaw`
        INSERT INTO "dsure"."DsureRegistrationNonce" ("issuerCode", "nonce", "signedAt") VALUES (${payload.issuer}, ${payload.nonce}, ${signedAt})
        ON CONFLICT DO NOTHING`;
      if (fresh === 0) throw new Refused(refuse(409, "replayed", "同じ登録要求がすでに受け付けられています（再送）", { nonce: payload.nonce }));
      try {
        return await registerChainEntries(tx, { entries: payload.entries as SignedChainEntry[] });
      } catch (e) {
        if (!isDomainError(e, "CONFLICT")) throw e;
        throw new Refused(refuse(409, "entry_refused", "記録を登録できません", e.details));
      }
    });
    const { privateKeyPem } = registryKey();
    const at = new Date().toISOString();
    return {
      ok: true,
      entries: entries.map((e) => ({
        ...e,
        receipt: signReceipt({
          privateKeyPem,
          receipt: { issuer: payload.issuer, contractNumber: e.contractNumber, seq: e.seq, entryHash: e.hash, length: e.seq, head: e.hash, at },
        }),
      })),
    };
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    throw e;
  }
}
