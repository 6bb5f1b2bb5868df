import type { ApplicationMenu, GuaranteeType } from "@/lib/guarantee-application/codes";

/** The guarantees one application asks for: menu 1 前払金保証 (+ 契約保証), menu 2 前払金保証, menu 3 中間前払金保証. */
export function guaranteeKindsFor(application: {
  menu: ApplicationMenu;
  withContractGuarantee?: boolean | null;
}): GuaranteeType[] {
  switch (application.menu) {
    case "ADVANCE":
      return application.withContractGuarantee ? ["ADVANCE_PAYMENT", "CONTRACT"] : ["ADVANCE_PAYMENT"];
    case "ADVANCE_AFTER_CONTRACT":
      return ["ADVANCE_PAYMENT"];
    case "INTERMEDIATE":
      return ["INTERMEDIATE_ADVANCE"];
  }
}
