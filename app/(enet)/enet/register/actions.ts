"use server";
import { headers } from "next/headers";
import { isDomainError } from "@/lib/errors";
import { toFieldErrors } from "@/lib/guarantee-application/schemas";
import { minutesUntil } from "@/lib/rate-limit/minutes-until";
import { REGISTRATION_LIMITS, requestRegistration } from "@/lib/registration/request-registration";
import { ZRegistrationRequestSchema } from "@/lib/registration/schemas";
import { clientIpFrom } from "@/lib/request";

export interface RegistrationFormState {
  seq?: number;
  done?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

/** ID登録申請: anyone may send it (no login); a few times an hour per client address and per mail address. */
export async function requestRegistrationAction(prev: RegistrationFormState, formData: FormData): Promise<RegistrationFormState> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (!k.startsWith("$ACTION") && typeof v === "string") values[k] = v;
  const seq = (prev.seq ?? 0) + 1;
  const parsed = ZRegistrationRequestSchema.safeParse(values);
  if (!parsed.success) {
    return { seq, values, fieldErrors: toFieldErrors(parsed.error), message: "入力内容に誤りがあります。各項目のメッセージをご確認ください。" };
  }
  try {
    await requestRegistration({ input: parsed.data, clientIp: clientIpFrom(await headers()) });
  } catch (e) {
    if (isDomainError(e, "THROTTLED")) {
      const minutes = minutesUntil(e.details.until as Date);
      const message =
        e.details.by === "mail"
          ? `同じメールアドレスへの申請は1時間に${REGISTRATION_LIMITS.mail.free}回までです。約${minutes}分後に再度お試しください。`
          : `申請が続いたため、一時的に受付を停止しています。約${minutes}分後に再度お試しください。`;
      return { seq, values, message, fieldErrors: e.details.by === "mail" ? { email: [message] } : undefined };
    }
    throw e;
  }
  return { seq, done: true, values: { email: parsed.data.email } };
}
