import "server-only";
import type { Db } from "@/lib/db";
import { authKeyKeys } from "@/lib/env";
import { decryptAuthKey } from "@/lib/auth-key/encrypt-auth-key";
import { toIsoDate } from "@/lib/dates";
import { enqueueCertificateRegistration, type CertificateEntry } from "./enqueue-certificate-registration";

const KIND_ORDER = { VERSION: 0, KEY: 1, CANCEL: 2 } as const;

/**
 * One-time step (run by `npm run db:migrate` after the migrations, and harmless to run again): every electronic
 * certificate the surety has never queued for registration at D-Sure gets its chain queued, made from the history it
 * has today — each 版 at its issue time, each 認証キー ever issued (revoked ones too, so the newest is the one in force)
 * and the 解約 — signed with the current key. One transaction per certificate, holding its row lock like every other
 * change to it. The registration dispatcher then delivers them; D-Sure registers idempotently, so a chain D-Sure
 * already holds entry for entry is accepted as it is.
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
  const candidates = await db.guaranteeContract.findMany({
    where: { deliveryMethod: "ELECTRONIC", registrations: { none: {} }, ...(contractIds ? { id: { in: contractIds } } : {}) },
    orderBy: [{ concludedAt: "asc" }, { contractNumber: "asc" }],
    select: { id: true, contractNumber: true },
  });
  let registered = 0;
  let entries = 0;
  const { encryptionKey } = authKeyKeys();
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
      if (await tx.certificateRegistration.findFirst({ where: { contractId: candidate.id }, select: { id: true } })) return 0; // queued meanwhile

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
        events.push({ at: k.issuedAt, order: KIND_ORDER.KEY, entry: { kind: "KEY", key, reissue: i > 0 } });
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
        await enqueueCertificateRegistration(tx, { contractId: candidate.id, contractNumber: c.contractNumber, at, entry: e.entry });
      }
      return events.length;
    });
    registered++;
  }
  if (registered) log(`D-Sure への登録を予約した既存の電子証書: ${registered} 件（${entries} 件の記録）`);
  return { registered, entries };
}
