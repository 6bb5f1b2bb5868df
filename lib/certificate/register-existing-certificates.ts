import "server-only";
import type { Db } from "@/lib/db";
import { authKeyKeys, env } from "@/lib/env";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { toIsoDate } from "@/lib/dates";
import { findRegisteredCertificates, keyVerifierOf, readChainHead } from "@/lib/dsure/registration";
import { registerCertificateEntry, type CertificateEntry } from "./register-certificate-entry";

const KIND_ORDER = { VERSION: 0, KEY: 1, CANCEL: 2 } as const;

/**
 * One-time step (run by `npm run db:migrate` after the migrations, and harmless to run again): every electronic
 * certificate that has no chain at D-Sure yet gets one, made from the history it has today — each 版 at its issue
 * time, each 認証キー ever issued (revoked ones too, so the newest is the one in force) and the 解約 — signed with the
 * current key. One transaction per certificate, holding its row lock like every other change to it. D-Sure checks each
 * entry as it comes in; afterwards the chain's length must be exactly the number of events read, or the step stops.
 */
export async function registerExistingCertificates({
  db,
  contractIds,
  log = () => undefined,
}: {
  db: Db;
  /** Only these contracts (default: all). */
  contractIds?: string[];
  log?: (line: string) => void;
}): Promise<{ registered: number; entries: number }> {
  const issuerCode = env().SURETY_ISSUER_CODE;
  const electronic = await db.guaranteeContract.findMany({
    where: { deliveryMethod: "ELECTRONIC", ...(contractIds ? { id: { in: contractIds } } : {}) },
    orderBy: [{ concludedAt: "asc" }, { contractNumber: "asc" }],
    select: { id: true, contractNumber: true },
  });
  // Which of them D-Sure already holds, asked through the registration interface a thousand at a time.
  const candidates: typeof electronic = [];
  for (let i = 0; i < electronic.length; i += 1000) {
    const page = electronic.slice(i, i + 1000);
    const registeredThere = await findRegisteredCertificates(db, { issuerCode, contractNumbers: page.map((c) => c.contractNumber) });
    candidates.push(...page.filter((c) => !registeredThere.has(c.contractNumber)));
  }
  let registered = 0;
  let entries = 0;
  const { encryptionKey, hmacKey } = authKeyKeys();
  for (const candidate of candidates) {
    entries += await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "GuaranteeContract" WHERE "id" = ${candidate.id}::uuid FOR UPDATE`;
      const c = await tx.guaranteeContract.findUniqueOrThrow({
        where: { id: candidate.id },
        select: {
          contractNumber: true,
          status: true,
          cancelledAt: true,
          cancelDate: true,
          cancelReason: true,
          versions: { orderBy: { version: "asc" }, select: { version: true, content: true, contentHash: true, signature: true, signingKeyId: true, changeSummary: true, issuedAt: true } },
          authKeys: { orderBy: { issuedAt: "asc" }, select: { ciphertext: true, issuedAt: true } },
        },
      });
      if ((await readChainHead(tx, { issuerCode, contractNumber: c.contractNumber })).length > 0) return 0; // registered meanwhile

      const events: { at: Date; order: number; entry: CertificateEntry }[] = [];
      for (const v of c.versions) {
        const data = {
          version: v.version,
          content: v.content as Record<string, unknown>,
          contentHash: v.contentHash,
          signature: { keyId: v.signingKeyId, value: v.signature },
          changeSummary: v.changeSummary,
        };
        events.push({ at: v.issuedAt, order: KIND_ORDER.VERSION, entry: { kind: "VERSION", data } });
      }
      c.authKeys.forEach((k, i) => {
        const key = decryptAuthKey(k.ciphertext, encryptionKey);
        const keyVerifier = keyVerifierOf({ key, contractNumber: c.contractNumber, hmacKey });
        events.push({ at: k.issuedAt, order: KIND_ORDER.KEY, entry: { kind: "KEY", data: { keyVerifier, reissue: i > 0 } } });
      });
      if (c.status === "CANCELLED") {
        if (!c.cancelDate || !c.cancelledAt) throw new Error(`${c.contractNumber}: 解約 without its date`);
        const data = { cancelDate: toIsoDate(c.cancelDate), reason: c.cancelReason ?? "" };
        events.push({ at: c.cancelledAt, order: KIND_ORDER.CANCEL, entry: { kind: "CANCEL", data } });
      }
      // Oldest first; at one instant a 版 comes before its key, and the 解約 last. Times never go back in a chain, so
      // a 解約 recorded before a later event's time is registered at that later time.
      events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
      let last = 0;
      for (const e of events) {
        const at = new Date(Math.max(e.at.getTime(), last));
        last = at.getTime();
        await registerCertificateEntry(tx, { contractNumber: c.contractNumber, at, entry: e.entry });
      }
      const head = await readChainHead(tx, { issuerCode, contractNumber: c.contractNumber });
      if (head.length !== events.length) {
        throw new Error(`${c.contractNumber}: D-Sure holds ${head.length} entries, ${events.length} were registered`);
      }
      return events.length;
    });
    registered++;
  }
  if (registered) log(`D-Sure に登録した既存の電子証書: ${registered} 件（${entries} 件の記録）`);
  return { registered, entries };
}
