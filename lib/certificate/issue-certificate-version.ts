import "server-only";
import type { Tx } from "@/lib/db";
import { env, suretySecret } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { ensureSigningKey } from "@/lib/signing-key/ensure-signing-key";
import { buildCertificateContent, type CertificateContent } from "./build-certificate-content";
import type { JsonValue } from "./canonical-json";
import { signCertificateContent } from "./signature";
import { enqueueCertificateRegistration } from "./enqueue-certificate-registration";

export type IssuedCertificateVersion = {
  id: string;
  contractId: string;
  /** The queued registration of this 版 at D-Sure (electronic certificates; null for 書面). */
  registrationId: string | null;
  version: number;
  contentHash: string;
  signingKeyId: string;
  content: CertificateContent;
};

/**
 * Issues 版 `version` of a contract's 電子証書 inside the caller's transaction: snapshots the contract as it is now
 * (its current amounts, 工期 and 保証期間, the company's current name and address, the orderer and department),
 * signs the canonical JSON with the service's Ed25519 key and stores hash, signature and key id.
 *
 * For 版 2 and later (changes after conclusion) the caller first updates the GuaranteeContract (and Company) rows, then
 * calls this with the next number; the previous 版 is marked superseded and the contract's currentVersion moves on.
 * A version number other than "the next one" is a CONFLICT, so two concurrent changes cannot both become 版 n.
 * An electronic certificate's 版 is queued for registration at D-Sure in the same transaction
 * (enqueueCertificateRegistration).
 */
export async function issueCertificateVersion(
  tx: Tx,
  {
    contractId,
    version,
    issuedAt = new Date(),
    changeSummary = null,
    changeRequestId = null,
  }: {
    contractId: string;
    version: number;
    issuedAt?: Date;
    /** what changed (版 2+), shown in the change history */
    changeSummary?: string | null;
    changeRequestId?: string | null;
  },
): Promise<IssuedCertificateVersion> {
  // Row lock: versions of one contract are issued one at a time.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "GuaranteeContract" WHERE "id" = ${contractId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new DomainError("NOT_FOUND", { contractId });

  const c = await tx.guaranteeContract.findUniqueOrThrow({
    where: { id: contractId },
    select: {
      contractNumber: true,
      deliveryMethod: true,
      guaranteeType: true,
      workName: true,
      workLocation: true,
      contractDate: true,
      workPeriodFrom: true,
      workPeriodTo: true,
      contractAmount: true,
      guaranteeAmount: true,
      periodFrom: true,
      periodTo: true,
      fee: true,
      concludedAt: true,
      company: { select: { name: true, address: true, representative: true } },
      orderer: { select: { name: true } },
      department: { select: { name: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true } },
    },
  });
  const latest = c.versions[0]?.version ?? 0;
  if (version !== latest + 1) throw new DomainError("CONFLICT", { contractId, version, latestVersion: latest });

  const content = buildCertificateContent({
    contractNumber: c.contractNumber,
    version,
    guaranteeType: c.guaranteeType,
    suretyName: env().SURETY_NAME,
    orderer: { name: c.orderer.name, departmentName: c.department.name },
    contractor: c.company,
    work: {
      name: c.workName,
      location: c.workLocation,
      contractAmount: c.contractAmount,
      contractDate: c.contractDate,
      periodFrom: c.workPeriodFrom,
      periodTo: c.workPeriodTo,
    },
    guarantee: { amount: c.guaranteeAmount, periodFrom: c.periodFrom, periodTo: c.periodTo, fee: c.fee },
    concludedAt: c.concludedAt,
    issuedAt,
    changeSummary,
  });

  const privateKeyPem = suretySecret("CERT_SIGNING_PRIVATE_KEY");
  const { keyId } = await ensureSigningKey(tx, { privateKeyPem });
  const signed = signCertificateContent({ content: content as unknown as JsonValue, privateKeyPem, keyId });

  if (c.versions[0]) {
    await tx.certificateVersion.update({ where: { id: c.versions[0].id }, data: { supersededAt: issuedAt } });
  }
  const row = await tx.certificateVersion.create({
    data: {
      contractId,
      version,
      content: content as unknown as object,
      contentHash: signed.contentHash,
      signature: signed.signature,
      signingKeyId: signed.keyId,
      changeSummary,
      changeRequestId,
      issuedAt,
    },
    select: { id: true },
  });
  if (version > 1) await tx.guaranteeContract.update({ where: { id: contractId }, data: { currentVersion: version } });
  let registrationId: string | null = null;
  if (c.deliveryMethod === "ELECTRONIC") {
    ({ id: registrationId } = await enqueueCertificateRegistration(tx, {
      contractId,
      contractNumber: c.contractNumber,
      at: issuedAt,
      entry: {
        kind: "VERSION",
        data: {
          version,
          content: content as unknown as Record<string, unknown>,
          contentHash: signed.contentHash,
          signature: { keyId: signed.keyId, value: signed.signature },
          changeSummary,
        },
      },
    }));
  }
  return { id: row.id, contractId, registrationId, version, contentHash: signed.contentHash, signingKeyId: signed.keyId, content };
}
