"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/session";
import { approveRegistrationRequest } from "@/lib/registration/approve-registration-request";
import { rejectRegistrationRequest } from "@/lib/registration/reject-registration-request";
import { formValues, toActionError, type ActionState } from "../_lib/action-state";

const ZRequestIdSchema = z.object({ requestId: z.uuid() });

/** ID登録申請の承認 (ADMIN): creates the company and its お客様ID and mails 「ID登録のお知らせ」. */
export async function approveRegistrationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let customerId: string;
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZRequestIdSchema.safeParse({ requestId: formData.get("requestId") });
    if (!parsed.success) return { ok: false, message: "申請を特定できません" };
    const chosen = String(formData.get("customerId") ?? "").trim();
    const result = await approveRegistrationRequest({
      requestId: parsed.data.requestId,
      staffId: admin.userId,
      customerId: chosen === "" ? undefined : chosen,
    });
    customerId = result.customerId;
  } catch (e) {
    return toActionError(e, { CONFLICT: "このお客様IDは既に使われています", INVALID_STATE: "この申請は既に処理されています" }, values);
  }
  redirect(`/admin/registrations?approved=${encodeURIComponent(customerId)}`);
}

/** ID登録申請の却下 (ADMIN), with the reason kept on the request. */
export async function rejectRegistrationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZRequestIdSchema.safeParse({ requestId: formData.get("requestId") });
    if (!parsed.success) return { ok: false, message: "申請を特定できません" };
    await rejectRegistrationRequest({ requestId: parsed.data.requestId, staffId: admin.userId, reason: String(formData.get("reason") ?? "") });
  } catch (e) {
    return toActionError(e, { INVALID_STATE: "この申請は既に処理されています" }, values);
  }
  redirect("/admin/registrations?rejected=1");
}
