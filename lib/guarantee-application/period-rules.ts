/**
 * 保証期間 runs to the end of 工期 (工期（至）): a guarantee whose 工期（至） is already past would be 保証期間満了
 * from the day it is issued. Pure: the caller passes today's date in Japan (YYYY-MM-DD), so tests can fix it.
 */
import { formatWareki } from "@/lib/dates";

/** Whether a 保証期間 ending on `periodTo` (YYYY-MM-DD) is over on `today`; its last day itself is not. */
export function periodHasEnded({ periodTo, today }: { periodTo: string; today: string }): boolean {
  return periodTo < today;
}

/** The message beside 工期（至） when it is before `today`; null when the period has not ended (today itself is fine). */
export function checkPeriodNotEnded({ periodTo, today }: { periodTo: string; today: string }): string | null {
  if (!periodHasEnded({ periodTo, today })) return null;
  return `工期（至）（${formatWareki(periodTo)}）は既に過ぎています。保証期間は工期（至）までのため、保証期間が終わった保証は申し込めません。工期をご確認ください`;
}
