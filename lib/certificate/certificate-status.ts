import { todayJst, toIsoDate } from "@/lib/dates";

/**
 * What a certificate is worth today (DOMAIN.md §8): 有効, 解約 (the contract was cancelled), or 保証期間満了 (the
 * 保証期間 ended before today in Japan). 解約 wins over 満了: a cancelled guarantee is reported as cancelled even after
 * its period would have run out.
 */
export const CERTIFICATE_STATUSES = ["VALID", "CANCELLED", "EXPIRED"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** The status an orderer sees: a certificate whose signature fails is never presented as 有効 (or anything else). */
export type DisplayStatus = CertificateStatus | "TAMPERED";

export const DISPLAY_STATUS_LABELS: Record<DisplayStatus, string> = {
  VALID: "有効",
  CANCELLED: "解約",
  EXPIRED: "保証期間満了",
  TAMPERED: "改ざんの疑いがあります",
};

export function certificateStatusOf({
  contractStatus,
  periodTo,
  now = new Date(),
}: {
  contractStatus: "ACTIVE" | "CANCELLED";
  /** 保証期間（至）: a `@db.Date` (UTC midnight) or YYYY-MM-DD. */
  periodTo: Date | string;
  now?: Date;
}): CertificateStatus {
  if (contractStatus === "CANCELLED") return "CANCELLED";
  const last = typeof periodTo === "string" ? periodTo : toIsoDate(periodTo);
  // The last day of the 保証期間 is still covered; the day after it is not.
  return last < todayJst(now) ? "EXPIRED" : "VALID";
}

export function displayStatusOf({ status, integrityOk }: { status: CertificateStatus; integrityOk: boolean }): DisplayStatus {
  return integrityOk ? status : "TAMPERED";
}
