"use server";
import { headers } from "next/headers";
import { isDomainError } from "@/lib/errors";
import { minutesUntil } from "@/lib/rate-limit/minutes-until";
import { requestPasswordReset } from "@/lib/registration/request-password-reset";
import { clientIpFrom } from "@/lib/request";

export interface PasswordResetRequestState {
  seq?: number;
  done?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

/**
 * パスワードの再設定 (no login): the same answer whether or not the お客様ID exists; a client address that asks too
 * often is told to wait.
 */
export async function requestPasswordResetAction(prev: PasswordResetRequestState, formData: FormData): Promise<PasswordResetRequestState> {
  const seq = (prev.seq ?? 0) + 1;
  const customerId = String(formData.get("customerId") ?? "").slice(0, 64);
  if (!customerId.trim()) {
    return { seq, values: { customerId }, fieldErrors: { customerId: ["お客様IDを入力してください"] }, message: "入力内容に誤りがあります。各項目のメッセージをご確認ください。" };
  }
  try {
    await requestPasswordReset({ customerId, clientIp: clientIpFrom(await headers()) });
  } catch (e) {
    if (isDomainError(e, "THROTTLED")) {
      return { seq, values: { customerId }, message: `お申し出が続いたため、一時的に受付を停止しています。約${minutesUntil(e.details.until as Date)}分後に再度お試しください。` };
    }
    throw e;
  }
  return { seq, done: true };
}
