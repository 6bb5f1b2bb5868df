import { formatWarekiWithSeireki } from "@/lib/dates";
import { formatYenMark } from "@/lib/money";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";

/**
 * Reads a stored 電子証書 snapshot (CertificateVersion.content) for display. The snapshot is plain JSON written by the
 * back office at the time of issue; older versions may predate a field, so every field is optional and anything of an
 * unexpected shape is shown as it is stored rather than dropped or made to throw. A certificate must always render:
 * an orderer looking at it is entitled to see what was signed.
 */

type Json = unknown;
type Path = readonly string[];

function at(content: Json, path: Path): Json {
  let node = content;
  for (const key of path) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

function first(content: Json, paths: readonly Path[]): Json {
  for (const path of paths) {
    const value = at(content, path);
    if (value !== undefined && value !== null && value !== "") return value;
  }
  return undefined;
}

function text(value: Json): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** 令和6年12月1日（2024年12月1日） for a YYYY-MM-DD date or an ISO instant (read in Japan time); else as stored. */
export function formatCertificateDate(value: Json): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  try {
    if (ISO_DATE.test(raw)) return formatWarekiWithSeireki(raw);
    if (ISO_INSTANT.test(raw)) {
      const instant = new Date(raw);
      if (!Number.isNaN(instant.getTime())) return formatWarekiWithSeireki(instant);
    }
  } catch {
    // A date before 昭和 or one that does not exist: show what is stored.
  }
  return raw;
}

/** ￥12,340,000 for an integer amount (a number or a string of digits); else as stored. */
export function formatCertificateAmount(value: Json): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value)) return formatYenMark(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return formatYenMark(BigInt(value));
  return text(value);
}

function formatPeriod(from: Json, to: Json): string | undefined {
  const f = formatCertificateDate(from);
  const t = formatCertificateDate(to);
  if (!f && !t) return undefined;
  return `${f ?? "—"} から ${t ?? "—"} まで`;
}

export type CertificateRow = {
  /** Stable id for tests and anchors. */
  key: string;
  label: string;
  value: string;
  /** Shown larger: the amount and the number are what an orderer checks first. */
  emphasis?: boolean;
};

/** The guarantee type's code if the snapshot carries one (e.g. ADVANCE_PAYMENT). */
export function guaranteeTypeCodeOf(content: Json): string | undefined {
  const value = text(first(content, [["guaranteeType"]]));
  return value && value in GUARANTEE_TYPE_LABELS ? value : undefined;
}

const AMOUNT_LABELS: Record<string, string> = {
  ADVANCE_PAYMENT: "前払金額",
  INTERMEDIATE_ADVANCE: "中間前払金額",
  CONTRACT: "契約保証金額",
};

/**
 * The rows of DOMAIN.md §6 in the order of a printed 保証証書, read from the snapshot written by
 * buildCertificateContent (format 1; flat spellings of the same fields are read too). Rows the snapshot has no value
 * for are left out, except those no certificate may lack, which show 「（記録なし）」 so a gap is visible, not hidden.
 */
export function certificateRows(content: Json): CertificateRow[] {
  const typeCode = guaranteeTypeCodeOf(content);
  const typeLabel =
    text(first(content, [["guaranteeTypeLabel"]])) ??
    (typeCode ? GUARANTEE_TYPE_LABELS[typeCode as keyof typeof GUARANTEE_TYPE_LABELS] : text(first(content, [["guaranteeType"]])));
  const amountLabel = text(first(content, [["guarantee", "amountLabel"]])) ?? (typeCode ? AMOUNT_LABELS[typeCode] : undefined);

  const ordererName = text(first(content, [["orderer", "name"], ["ordererName"], ["orderer"]]));
  const departmentName = text(first(content, [["orderer", "departmentName"], ["departmentName"]]));
  const version = first(content, [["version"]]);

  type Candidate = { key: string; label: string; value: string | undefined; required?: boolean; emphasis?: boolean };
  const rows: Candidate[] = [
    { key: "contractNumber", label: "保証契約番号", value: text(first(content, [["contractNumber"]])), required: true, emphasis: true },
    { key: "version", label: "版", value: typeof version === "number" ? `第${version}版` : text(version) },
    { key: "guaranteeType", label: "保証の種類", value: typeLabel, required: true },
    { key: "surety", label: "保証事業会社", value: text(first(content, [["surety", "name"], ["suretyName"]])), required: true },
    { key: "orderer", label: "発注者", value: [ordererName, departmentName].filter(Boolean).join("　") || undefined, required: true },
    {
      key: "contractorName",
      label: "請負者（商号又は名称）",
      value: text(first(content, [["contractor", "name"], ["contractorName"]])),
      required: true,
    },
    { key: "contractorAddress", label: "請負者（所在地）", value: text(first(content, [["contractor", "address"], ["contractorAddress"]])) },
    {
      key: "contractorRepresentative",
      label: "請負者（代表者）",
      value: text(first(content, [["contractor", "representative"], ["contractorRepresentative"]])),
    },
    { key: "workName", label: "工事名", value: text(first(content, [["work", "name"], ["workName"]])), required: true },
    { key: "workLocation", label: "工事場所", value: text(first(content, [["work", "location"], ["workLocation"]])) },
    {
      key: "contractAmount",
      label: "請負代金額",
      value: formatCertificateAmount(first(content, [["work", "contractAmount"], ["contractAmount"]])),
      required: true,
    },
    {
      key: "guaranteeAmount",
      label: amountLabel ? `保証金額（${amountLabel}）` : "保証金額",
      value: formatCertificateAmount(first(content, [["guarantee", "amount"], ["guaranteeAmount"]])),
      required: true,
      emphasis: true,
    },
    { key: "contractDate", label: "契約日", value: formatCertificateDate(first(content, [["work", "contractDate"], ["contractDate"]])) },
    {
      key: "workPeriod",
      label: "工期",
      value: formatPeriod(
        first(content, [["work", "periodFrom"], ["workPeriodFrom"]]),
        first(content, [["work", "periodTo"], ["workPeriodTo"]]),
      ),
    },
    {
      key: "guaranteePeriod",
      label: "保証期間",
      value: formatPeriod(
        first(content, [["guarantee", "periodFrom"], ["guaranteePeriodFrom"]]),
        first(content, [["guarantee", "periodTo"], ["guaranteePeriodTo"]]),
      ),
      required: true,
    },
    {
      key: "concludedOn",
      label: "保証契約締結日",
      value: formatCertificateDate(first(content, [["concludedOn"], ["concludedAt"]])),
      required: true,
    },
    { key: "fee", label: "保証料", value: formatCertificateAmount(first(content, [["guarantee", "fee"], ["fee"]])) },
    { key: "issuedOn", label: "この版の登録日", value: formatCertificateDate(first(content, [["issuedOn"]])) },
    { key: "changeSummary", label: "この版の変更内容", value: text(first(content, [["changeSummary"]])) },
  ];

  return rows.flatMap((row) => {
    if (row.value === undefined) return row.required ? [{ key: row.key, label: row.label, value: "（記録なし）" }] : [];
    return [{ key: row.key, label: row.label, value: row.value, ...(row.emphasis ? { emphasis: true } : {}) }];
  });
}
