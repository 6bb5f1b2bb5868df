"use server";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { completeReview } from "@/lib/review/complete-review";
import { returnApplication } from "@/lib/review/return-application";
import { ZApplicationIdSchema, ZReturnApplicationSchema } from "@/lib/review/schemas";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../../_lib/action-state";

/** 審査完了 (REVIEWER). Success reloads the page with a notice; failures stay on the form. */
export async function completeReviewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = ZApplicationIdSchema.safeParse({ applicationId: formData.get("applicationId") });
  if (!parsed.success) return { ok: false, message: "申込を特定できません" };
  try {
    const staff = await requireStaff(["REVIEWER"]);
    await completeReview({ applicationId: parsed.data.applicationId, reviewerId: staff.userId });
  } catch (e) {
    return toActionError(e, {
      NOT_ELIGIBLE_FOR_ELECTRONIC: "電子交付の対象外のため審査完了にできません。差戻してください",
      NO_RATE_TABLE: "保証料を計算できないため審査完了にできません",
      INVALID_STATE: "審査完了にできません",
      VALIDATION: "審査完了にできません",
    });
  }
  redirect(`/admin/applications/${parsed.data.applicationId}?notice=reviewed`);
}

/** 差戻し (REVIEWER; APPROVER for an application waiting for them). */
export async function returnApplicationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let applicationId: string;
  try {
    const staff = await requireStaff(["REVIEWER", "APPROVER"]);
    const parsed = ZReturnApplicationSchema.safeParse({ applicationId: formData.get("applicationId"), reason: formData.get("reason") ?? "" });
    if (!parsed.success) return { ok: false, message: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    await returnApplication({ applicationId: parsed.data.applicationId, staffId: staff.userId, reason: parsed.data.reason });
    applicationId = parsed.data.applicationId;
  } catch (e) {
    return toActionError(e, {}, values);
  }
  redirect(`/admin/applications/${applicationId}?notice=returned`);
}

/** 保証契約を締結する (APPROVER, not the reviewer). A repeated click reports the contracts already concluded. */
export async function concludeContractAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = ZApplicationIdSchema.safeParse({ applicationId: formData.get("applicationId") });
  if (!parsed.success) return { ok: false, message: "申込を特定できません" };
  let alreadyConcluded: boolean;
  try {
    const staff = await requireStaff(["APPROVER"]);
    ({ alreadyConcluded } = await concludeContract({ applicationId: parsed.data.applicationId, approverId: staff.userId }));
  } catch (e) {
    return toActionError(e, {
      INVALID_STATE: "この申込は締結できる状態ではありません",
      NOT_ELIGIBLE_FOR_ELECTRONIC: "電子交付の対象外のため締結できません。差戻してください",
      NO_RATE_TABLE: "締結日に適用される料率表がないため締結できません",
      VALIDATION: "締結できません",
    });
  }
  // Post/redirect/get: the page shows the 保証契約番号 from the database, and a reload does not post again.
  redirect(`/admin/applications/${parsed.data.applicationId}?notice=${alreadyConcluded ? "already-concluded" : "concluded"}`);
}
