import type { ApplicationMenu } from "@/lib/guarantee-application/codes";

/** The URL of each e-Net保証 menu: /enet/apply/<slug>. */
export const MENU_SLUGS: Record<ApplicationMenu, string> = {
  ADVANCE: "advance",
  ADVANCE_AFTER_CONTRACT: "advance-after-contract",
  INTERMEDIATE: "intermediate",
};

export function menuFromSlug(slug: string): ApplicationMenu | null {
  const found = (Object.entries(MENU_SLUGS) as [ApplicationMenu, string][]).find(([, s]) => s === slug);
  return found ? found[0] : null;
}

/** Menus 2 and 3 build on a concluded guarantee of the same 工事; this is the type they pick from. */
export const BASE_GUARANTEE_TYPE: Partial<Record<ApplicationMenu, "CONTRACT" | "ADVANCE_PAYMENT">> = {
  ADVANCE_AFTER_CONTRACT: "CONTRACT",
  INTERMEDIATE: "ADVANCE_PAYMENT",
};

/** Statuses in which the contractor may still change the application (一時保存・確認・申込む). */
export const EDITABLE_STATUSES = ["DRAFT", "RETURNED"] as const;
