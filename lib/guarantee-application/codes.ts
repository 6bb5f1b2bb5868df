/**
 * The codes of the application form, as plain tuples so zod, the forms and the browser can use them without
 * Prisma's client. They mirror the Prisma enums of the same names (a unit test keeps them in step).
 */

export const GUARANTEE_TYPES = ["ADVANCE_PAYMENT", "INTERMEDIATE_ADVANCE", "CONTRACT", "CONTRACT_RESERVATION"] as const;
export type GuaranteeType = (typeof GUARANTEE_TYPES)[number];

export const WORK_CATEGORIES = ["CONSTRUCTION", "CONSULTING"] as const;
export type WorkCategory = (typeof WORK_CATEGORIES)[number];

export const DELIVERY_METHODS = ["ELECTRONIC", "PAPER"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** e-Net保証 menu 1 (前払金保証・契約保証), 2 (契約保証済の前払金保証), 3 (中間前払金保証). */
export const APPLICATION_MENUS = ["ADVANCE", "ADVANCE_AFTER_CONTRACT", "INTERMEDIATE"] as const;
export type ApplicationMenu = (typeof APPLICATION_MENUS)[number];

export const APPLICATION_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "REVIEWED", "CONCLUDED", "WITHDRAWN"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
