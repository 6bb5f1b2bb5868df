"use server";
import { refresh } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { concludeContract } from "@/lib/contract/conclude-contract";
import { completeReview } from "@/lib/review/complete-review";
import { returnApplication } from "@/lib/review/return-application";
import { ZApplicationIdSchema, ZReturnApplicationSchema } from "@/lib/review/schemas";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../../_lib/action-state";

/** 審査完了 (REVIEWER). */
export async function completeReviewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["REVIEWER"]);
    const parsed = ZApplicationIdSchema.safeParse({ applicationId: formData.get("applicationId") });
    if (!parsed.success) return { ok: false, message: "申込を特定できません" };
    await completeReview({ applicationId: parsed.data.applicationId, reviewerId: staff.userId });
    refresh();
    return { ok: true, message: "審査完了にしました。承認者による締結を待っています。" };
  } catch (e) {
    return toActionError(e, {
      NOT_ELIGIBLE_FOR_ELECTRONIC: "電子交付の対象外のため審査完了にできません。差戻してください",
      NO_RATE_TABLE: "保証料を計算できないため審査完了にできません",
      INVALID_STATE: "審査完了にできません",
      VALIDATION: "審査完了にできません",
    });
  }
}

/** 差戻し (REVIEWER; APPROVER for an application waiting for them). */
export async function returnApplicationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const staff = await requireStaff(["REVIEWER", "APPROVER"]);
    const parsed = ZReturnApplicationSchema.safeParse({ applicationId: formData.get("applicationId"), reason: formData.get("reason") ?? "" });
    if (!parsed.success) return { ok: false, message: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    await returnApplication({ applicationId: parsed.data.applicationId, staffId: staff.userId, reason: parsed.data.reason });
    refresh();
    return { ok: true, message: "差戻しました。請負者に「差戻しのお知らせ」を送ります。" };
  } catch (e) {
    return toActionError(e, {}, values);
  }
}

/** 保証契約を締結する (APPROVER, not the reviewer). A repeated click reports the contracts already concluded. */
export async function concludeContractAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["APPROVER"]);
    const parsed = ZApplicationIdSchema.safeParse({ applicationId: formData.get("applicationId") });
    if (!parsed.success) return { ok: false, message: "申込を特定できません" };
    const result = await concludeContract({ applicationId: parsed.data.applicationId, approverId: staff.userId });
    refresh();
    const numbers = result.contracts.map((c) => c.contractNumber).join("、");
    return {
      ok: true,
      message: result.alreadyConcluded
        ? `この申込は締結済みです（保証契約番号：${numbers}）。`
        : `保証契約を締結しました。保証契約番号：${numbers}`,
    };
  } catch (e) {
    return toActionError(e, {
      INVALID_STATE: "この申込は締結できる状態ではありません",
      NOT_ELIGIBLE_FOR_ELECTRONIC: "電子交付の対象外のため締結できません。差戻してください",
      NO_RATE_TABLE: "締結日に適用される料率表がないため締結できません",
      VALIDATION: "締結できません",
    });
  }
}
