"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { resendFailedMail } from "@/lib/mail/resend-failed-mail";
import { ZResendMailSchema } from "@/lib/mail/schemas";

export type ResendState = { message?: string };

const MESSAGES: Partial<Record<string, string>> = {
  UNAUTHENTICATED: "ログインの有効期限が切れました。再度ログインしてください。",
  FORBIDDEN: "再送できるのはシステム管理者だけです。",
  NOT_FOUND: "このメールは見つかりません。",
  CONFLICT: "このメールはすでに再送されています。画面を更新してください。",
};

/** 再送 of a FAILED mail (ADMIN only). */
export async function resendMailAction(_prev: ResendState, formData: FormData): Promise<ResendState> {
  try {
    const staff = await requireStaff(["ADMIN"]);
    const parsed = ZResendMailSchema.safeParse({ mailId: formData.get("mailId") });
    if (!parsed.success) return { message: MESSAGES.NOT_FOUND };
    await resendFailedMail({ mailId: parsed.data.mailId, staff });
  } catch (e) {
    if (isDomainError(e)) return { message: MESSAGES[e.code] ?? "再送できませんでした。" };
    throw e;
  }
  revalidatePath("/admin/mail");
  // The row leaves the 送信失敗 list, so the confirmation is shown by the page rather than beside the row.
  redirect("/admin/mail?resent=1");
}
