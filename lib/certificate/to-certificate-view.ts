import "server-only";
import type { GuaranteeType } from "@/lib/generated/prisma/enums";
import { toIsoDate } from "@/lib/dates";
import type { JsonValue } from "./canonical-json";
import { certificateStatusOf, displayStatusOf, type CertificateStatus, type DisplayStatus } from "./certificate-status";
import { verifyCertificateVersion, type VersionIntegrity } from "./verify-certificate-version";

/**
 * The columns both the contractor's view and D-Sure read: the contract, every 版 with its signing key's public half.
 * Shared so the two screens can never disagree on what a certificate is.
 */
export const CERTIFICATE_CONTRACT_SELECT = {
  id: true,
  contractNumber: true,
  companyId: true,
  guaranteeType: true,
  deliveryMethod: true,
  status: true,
  periodTo: true,
  cancelDate: true,
  currentVersion: true,
  versions: {
    orderBy: { version: "asc" },
    select: {
      version: true,
      content: true,
      contentHash: true,
      signature: true,
      signingKeyId: true,
      changeSummary: true,
      issuedAt: true,
      signingKey: { select: { publicKeyPem: true, algorithm: true } },
    },
  },
} as const;

export type CertificateContractRow = {
  id: string;
  contractNumber: string;
  guaranteeType: GuaranteeType;
  status: "ACTIVE" | "CANCELLED";
  periodTo: Date;
  cancelDate: Date | null;
  currentVersion: number;
  versions: {
    version: number;
    content: unknown;
    contentHash: string;
    signature: string;
    signingKeyId: string;
    changeSummary: string | null;
    issuedAt: Date;
    signingKey: { publicKeyPem: string; algorithm: string } | null;
  }[];
};

export type CertificateVersionView = {
  version: number;
  /** ISO instant. */
  issuedAt: string;
  changeSummary: string | null;
  content: JsonValue;
  contentHash: string;
  signature: { algorithm: string; keyId: string; value: string };
  integrity: VersionIntegrity;
};

export type CertificateView = {
  /** Whose record it is read from names it: the surety's contract id; at D-Sure, the 保証契約番号 (D-Sure knows no other). */
  contractId: string;
  contractNumber: string;
  guaranteeType: GuaranteeType;
  /** 有効 / 解約 / 保証期間満了, from the contract as it is now. */
  lifecycleStatus: CertificateStatus;
  /** What to show in large type: the lifecycle status, or TAMPERED when any 版 fails its check. */
  displayStatus: DisplayStatus;
  /** YYYY-MM-DD. */
  periodTo: string;
  cancelDate: string | null;
  current: CertificateVersionView;
  /** Every 版, oldest first (the current one included). */
  versions: readonly CertificateVersionView[];
  /** Every 版 verifies. */
  integrityOk: boolean;
  /** On D-Sure: the issuer that registered it, named as D-Sure's own configuration names it. */
  issuer?: { code: string; name: string };
};

/** Every 版 as shown, each verified (the expensive part of a view: canonical JSON, SHA-256, Ed25519). */
export function toVersionViews(versions: CertificateContractRow["versions"]): CertificateVersionView[] {
  return versions.map((v) => ({
    version: v.version,
    issuedAt: v.issuedAt.toISOString(),
    changeSummary: v.changeSummary,
    content: v.content as JsonValue,
    contentHash: v.contentHash,
    signature: { algorithm: v.signingKey?.algorithm ?? "Ed25519", keyId: v.signingKeyId, value: v.signature },
    integrity: verifyCertificateVersion({
      content: v.content,
      contentHash: v.contentHash,
      signature: v.signature,
      signingKeyId: v.signingKeyId,
      publicKeyPem: v.signingKey?.publicKeyPem,
    }),
  }));
}

/** Builds the view, verifying every 版; null when no 版 has been issued (nothing to show). */
export function toCertificateView(row: CertificateContractRow, now = new Date()): CertificateView | null {
  return assembleCertificateView(row, toVersionViews(row.versions), now);
}

/**
 * The view from the contract as it is now and its 版 already verified (toVersionViews; D-Sure reuses them while the
 * stored 版 are byte for byte the same). The version views are shared, never changed.
 */
export function assembleCertificateView(
  row: Omit<CertificateContractRow, "versions">,
  versions: readonly CertificateVersionView[],
  now = new Date(),
): CertificateView | null {
  if (!versions.length) return null;
  const current = versions.find((v) => v.version === row.currentVersion) ?? versions[versions.length - 1]!;
  const integrityOk = versions.every((v) => v.integrity.ok);
  const lifecycleStatus = certificateStatusOf({ contractStatus: row.status, periodTo: row.periodTo, now });
  return {
    contractId: row.id,
    contractNumber: row.contractNumber,
    guaranteeType: row.guaranteeType,
    lifecycleStatus,
    displayStatus: displayStatusOf({ status: lifecycleStatus, integrityOk }),
    periodTo: toIsoDate(row.periodTo),
    cancelDate: row.cancelDate ? toIsoDate(row.cancelDate) : null,
    current,
    versions,
    integrityOk,
  };
}
