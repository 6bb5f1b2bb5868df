/**
 * The codes of 保証契約締結後の変更 as plain tuples, so zod, the forms and the browser can use them without Prisma's
 * client. They mirror the Prisma enums ChangeKind and ChangeStatus.
 */
export const CHANGE_KINDS = ["INCREASE", "DECREASE", "PERIOD_CHANGE", "CONTRACTOR_INFO"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "REVIEWED", "APPROVED", "WITHDRAWN"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** A change in one of these states is still being handled: a second one for the same guarantee must wait. */
export const PENDING_CHANGE_STATUSES = ["SUBMITTED", "RETURNED", "REVIEWED"] as const satisfies readonly ChangeStatus[];

/** The kinds that change 保証金額 (and so the 保証料). */
export const AMOUNT_CHANGE_KINDS = ["INCREASE", "DECREASE"] as const satisfies readonly ChangeKind[];

export function isAmountChange(kind: ChangeKind): kind is "INCREASE" | "DECREASE" {
  return kind === "INCREASE" || kind === "DECREASE";
}
