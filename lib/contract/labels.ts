import type { GuaranteeType } from "@/lib/guarantee-application/codes";

/** Which amount of the application is the 保証金額 of each guarantee type. */
export const GUARANTEE_AMOUNT_FIELD = {
  ADVANCE_PAYMENT: "advanceAmount",
  INTERMEDIATE_ADVANCE: "intermediateAmount",
  CONTRACT: "contractGuaranteeAmount",
  CONTRACT_RESERVATION: "contractGuaranteeAmount",
} as const satisfies Record<GuaranteeType, string>;

/** The name the 保証金額 goes by on a certificate of each type (DOMAIN.md §6). */
export const GUARANTEE_AMOUNT_LABELS: Record<GuaranteeType, string> = {
  ADVANCE_PAYMENT: "前払金額",
  INTERMEDIATE_ADVANCE: "中間前払金額",
  CONTRACT: "契約保証金額",
  CONTRACT_RESERVATION: "契約保証金額",
};

export const CONTRACT_STATUS_LABELS = { ACTIVE: "有効", CANCELLED: "解約" } as const;
