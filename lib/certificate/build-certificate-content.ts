/**
 * The 電子証書 snapshot (DOMAIN.md §6) as plain JSON: what is hashed, signed and stored in CertificateVersion.content,
 * and what the certificate screens, D-Sure and the PDFs read. Amounts are numbers of yen, calendar dates YYYY-MM-DD
 * strings, missing values null. Once issued, a version never changes: master-data edits (a renamed company, a moved
 * department) only reach later versions.
 */
import { todayJst, toIsoDate } from "@/lib/dates";
import type { GuaranteeType } from "@/lib/guarantee-application/codes";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { GUARANTEE_AMOUNT_FIELD, GUARANTEE_AMOUNT_LABELS } from "@/lib/contract/labels";

export const CERTIFICATE_CONTENT_FORMAT = 1;

export type CertificateContent = {
  /** Shape of this JSON; bumped if fields are ever renamed, so old versions can still be read. */
  format: typeof CERTIFICATE_CONTENT_FORMAT;
  /** 保証契約番号 */
  contractNumber: string;
  /** 版 */
  version: number;
  /** 保証の種類 */
  guaranteeType: GuaranteeType;
  guaranteeTypeLabel: string;
  /** 保証事業会社 */
  surety: { name: string };
  /** 発注者 */
  orderer: { name: string; departmentName: string | null };
  /** 請負者 */
  contractor: { name: string; address: string; representative: string };
  work: {
    /** 工事名 */
    name: string;
    /** 工事場所 */
    location: string | null;
    /** 請負代金額 */
    contractAmount: number;
    /** 契約日 */
    contractDate: string | null;
    /** 工期 (自・至) */
    periodFrom: string | null;
    periodTo: string | null;
  };
  guarantee: {
    /** 保証金額 (= 前払金額 / 中間前払金額 / 契約保証金額) */
    amount: number;
    /** which amount it is: the application field and its label */
    amountKind: "advanceAmount" | "intermediateAmount" | "contractGuaranteeAmount";
    amountLabel: string;
    /** 保証期間 */
    periodFrom: string;
    periodTo: string;
    /** 保証料 (yen; no consumption tax) */
    fee: number;
  };
  /** 保証契約締結日 (JST) */
  concludedOn: string;
  /** the day this 版 was issued (JST) */
  issuedOn: string;
  /** what changed from the previous 版; null for 版 1 */
  changeSummary: string | null;
};

type Yen = number | bigint;
type CalendarDate = Date | string | null | undefined;

export type CertificateSource = {
  contractNumber: string;
  version: number;
  guaranteeType: GuaranteeType;
  suretyName: string;
  orderer: { name: string; departmentName: string | null };
  contractor: { name: string; address: string; representative: string };
  work: {
    name: string;
    location: string | null;
    contractAmount: Yen;
    contractDate: CalendarDate;
    periodFrom: CalendarDate;
    periodTo: CalendarDate;
  };
  guarantee: { amount: Yen; periodFrom: CalendarDate; periodTo: CalendarDate; fee: Yen };
  /** the instant of 保証契約締結 */
  concludedAt: Date;
  /** the instant this 版 is issued */
  issuedAt: Date;
  changeSummary?: string | null;
};

function yen(v: Yen, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be whole yen: ${String(v)}`);
  return n;
}

/** `@db.Date` values arrive as UTC midnight; strings must already be YYYY-MM-DD. */
function isoDate(v: CalendarDate): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new RangeError(`not a YYYY-MM-DD date: ${v}`);
    return v;
  }
  return toIsoDate(v);
}

function requiredDate(v: CalendarDate, what: string): string {
  const d = isoDate(v);
  if (d === null) throw new RangeError(`${what} is required`);
  return d;
}

export function buildCertificateContent(s: CertificateSource): CertificateContent {
  if (!Number.isSafeInteger(s.version) || s.version < 1) throw new RangeError(`版 must be ≥ 1: ${s.version}`);
  return {
    format: CERTIFICATE_CONTENT_FORMAT,
    contractNumber: s.contractNumber,
    version: s.version,
    guaranteeType: s.guaranteeType,
    guaranteeTypeLabel: GUARANTEE_TYPE_LABELS[s.guaranteeType],
    surety: { name: s.suretyName },
    orderer: { name: s.orderer.name, departmentName: s.orderer.departmentName ?? null },
    contractor: { name: s.contractor.name, address: s.contractor.address, representative: s.contractor.representative },
    work: {
      name: s.work.name,
      location: s.work.location ?? null,
      contractAmount: yen(s.work.contractAmount, "contractAmount"),
      contractDate: isoDate(s.work.contractDate),
      periodFrom: isoDate(s.work.periodFrom),
      periodTo: isoDate(s.work.periodTo),
    },
    guarantee: {
      amount: yen(s.guarantee.amount, "guaranteeAmount"),
      amountKind: GUARANTEE_AMOUNT_FIELD[s.guaranteeType],
      amountLabel: GUARANTEE_AMOUNT_LABELS[s.guaranteeType],
      periodFrom: requiredDate(s.guarantee.periodFrom, "guarantee.periodFrom"),
      periodTo: requiredDate(s.guarantee.periodTo, "guarantee.periodTo"),
      fee: yen(s.guarantee.fee, "fee"),
    },
    concludedOn: todayJst(s.concludedAt),
    issuedOn: todayJst(s.issuedAt),
    changeSummary: s.changeSummary ?? null,
  };
}
