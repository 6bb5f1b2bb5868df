/** The subject used when the orderer (or department) has not set one. */
export const DEFAULT_KEY_NOTICE_SUBJECT_TEMPLATE = "【{guaranteeType}】{workName}";

const SUBJECT_MAX_LENGTH = 200;

/**
 * The subject of the mail that carries 認証キー等のお知らせ to an orderer's department, from the orderer's own rule
 * (e.g. 鹿児島市: 【前払金保証】<工事名>). Placeholders: {guaranteeType} {workName} {contractNumber}; others are left as
 * written. Line breaks and control characters are removed so nothing can be smuggled into the mail header.
 */
export function formatKeyNoticeSubject(
  template: string | null | undefined,
  values: { guaranteeTypeLabel: string; workName: string; contractNumber: string },
): string {
  const source = template?.trim() ? template : DEFAULT_KEY_NOTICE_SUBJECT_TEMPLATE;
  const filled = source.replace(/\{(guaranteeType|workName|contractNumber)\}/g, (_, name: string) =>
    name === "guaranteeType" ? values.guaranteeTypeLabel : name === "workName" ? values.workName : values.contractNumber,
  );
  const clean = filled.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  return chars.length > SUBJECT_MAX_LENGTH ? `${chars.slice(0, SUBJECT_MAX_LENGTH - 1).join("")}…` : clean;
}
