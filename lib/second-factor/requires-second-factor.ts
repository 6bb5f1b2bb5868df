import type { StaffRole } from "@/lib/generated/prisma/enums";

/** 二段階認証 is required of 承認者 and 管理者 (they conclude and grant); 審査担当者 may enrol. */
export function requiresSecondFactor(role: StaffRole): boolean {
  return role === "APPROVER" || role === "ADMIN";
}
