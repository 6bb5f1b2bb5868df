"use server";
import { refresh } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { approveChangeRequest } from "@/lib/change/approve-change-request";
import { completeChangeReview } from "@/lib/change/complete-change-review";
import { returnChangeRequest } from "@/lib/change/return-change-request";
import { ZChangeRequestIdSchema, ZReturnChangeSchema } from "@/lib/change/schemas";
import { formatYen } from "@/lib/money";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../../_lib/action-state";

/** 審査完了 of a change (REVIEWER). */
export async function completeChangeReviewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["REVIEWER"]);
    const parsed = ZChangeRequestIdSchema.safeParse({ changeRequestId: formData.get("changeRequestId") });
    if (!parsed.success) return { ok: false, message: "変更の申込を特定できません" };
    await completeChangeReview({ changeRequestId: parsed.data.changeRequestId, reviewerId: staff.userId });
    refresh();
    return { ok: true, message: "審査完了にしました。承認者による承認を待っています。" };
  } catch (e) {
    return toActionError(e, { INVALID_STATE: "審査完了にできません", NO_RATE_TABLE: "保証料を計算できないため審査完了にできません" });
  }
}

/** 差戻し of a change (REVIEWER; APPROVER for one waiting for them). */
export async function returnChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const staff = await requireStaff(["REVIEWER", "APPROVER"]);
    const parsed = ZReturnChangeSchema.safeParse({ changeRequestId: formData.get("changeRequestId"), reason: formData.get("reason") ?? "" });
    if (!parsed.success) return { ok: false, message: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    await returnChangeRequest({ changeRequestId: parsed.data.changeRequestId, staffId: staff.userId, reason: parsed.data.reason });
    refresh();
    return { ok: true, message: "差戻しました。請負者に「差戻しのお知らせ」を送ります。" };
  } catch (e) {
    return toActionError(e, {}, values);
  }
}

/** 承認 (APPROVER, not the reviewer): issues the next 版. A repeated click reports the version already issued. */
export async function approveChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["APPROVER"]);
    const parsed = ZChangeRequestIdSchema.safeParse({ changeRequestId: formData.get("changeRequestId") });
    if (!parsed.success) return { ok: false, message: "変更の申込を特定できません" };
    const r = await approveChangeRequest({ changeRequestId: parsed.data.changeRequestId, approverId: staff.userId });
    refresh();
    const fee =
      r.feeDifference > 0n ? `追加の保証料 ${formatYen(r.feeDifference)}` : r.feeDifference < 0n ? `返還する保証料 ${formatYen(-r.feeDifference)}` : "保証料の変更なし";
    return {
      ok: true,
      message: r.alreadyApproved
        ? `この変更は承認済みです（保証契約番号 ${r.contractNumber} 第${r.version}版）。`
        : `承認しました。保証契約番号 ${r.contractNumber} の第${r.version}版を登録しました（${fee}）。`,
    };
  } catch (e) {
    return toActionError(e, {
      SAME_PERSON_REVIEW_AND_APPROVAL: "審査を担当した職員は承認できません",
      INVALID_STATE: "この変更は承認できる状態ではありません",
      NO_RATE_TABLE: "承認日に適用される料率表がないため承認できません",
    });
  }
}
