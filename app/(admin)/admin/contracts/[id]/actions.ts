"use server";
import { refresh } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { reissueAuthKey } from "@/lib/auth-key/reissue-auth-key";
import { cancelContract } from "@/lib/contract/cancel-contract";
import { retryCertificateRegistration } from "@/lib/certificate/retry-certificate-registration";
import { ZCancelContractSchema } from "@/lib/contract/cancel-contract-schema";
import { formatDateTimeJst, formatWareki } from "@/lib/dates";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../../_lib/action-state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 解約 (ADMIN or APPROVER). */
export async function cancelContractAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const staff = await requireStaff(["ADMIN", "APPROVER"]);
    if (formData.get("confirm") !== "yes") return { ok: false, message: "確認欄にチェックを入れてください", values };
    const parsed = ZCancelContractSchema.safeParse({
      contractId: formData.get("contractId"),
      cancelDate: formData.get("cancelDate") ?? "",
      reason: formData.get("reason") ?? "",
    });
    if (!parsed.success) return { ok: false, message: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    const r = await cancelContract({ contractId: parsed.data.contractId, staffId: staff.userId, cancelDate: parsed.data.cancelDate, reason: parsed.data.reason });
    refresh();
    return {
      ok: true,
      message: r.alreadyCancelled ? `この保証契約は解約済みです（解約日 ${formatWareki(r.cancelDate)}）。` : `解約しました（解約日 ${formatWareki(r.cancelDate)}）。`,
    };
  } catch (e) {
    return toActionError(e, { FORBIDDEN: "解約できるのは承認者・システム管理者です" }, values);
  }
}

/** 認証キーの再発行 by staff (APPROVER or ADMIN). The key is never shown here; the contractor downloads the new notice. */
export async function reissueAuthKeyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["APPROVER", "ADMIN"]);
    const contractId = String(formData.get("contractId") ?? "");
    if (!UUID.test(contractId)) return { ok: false, message: "保証契約を特定できません" };
    if (formData.get("confirm") !== "yes") return { ok: false, message: "確認欄にチェックを入れてください" };
    const r = await reissueAuthKey({ contractId, actor: { kind: "STAFF", staffId: staff.userId } });
    refresh();
    return {
      ok: true,
      message: `認証キーを再発行しました（${formatDateTimeJst(r.issuedAt)}）。これまでの認証キーは使えません。請負者に新しい「認証キー等のお知らせ」を発注者へ提出するよう連絡してください。`,
    };
  } catch (e) {
    return toActionError(e, { FORBIDDEN: "認証キーを再発行できるのは承認者・システム管理者です", NOT_FOUND: "電子交付の保証契約ではありません" });
  }
}

/** 再登録 at D-Sure (APPROVER or ADMIN): entries in 登録エラー or waiting between retries are sent again now. */
export async function retryRegistrationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["APPROVER", "ADMIN"]);
    const contractId = String(formData.get("contractId") ?? "");
    if (!UUID.test(contractId)) return { ok: false, message: "保証契約を特定できません" };
    const r = await retryCertificateRegistration({ contractId, staffId: staff.userId });
    refresh();
    return {
      ok: true,
      message: r.requeued ? `D-Sure への再登録を開始しました（${r.requeued} 件の記録）。結果はこの画面の登録状況に表示します。` : "すべて D-Sure に登録済みです。",
    };
  } catch (e) {
    return toActionError(e, { FORBIDDEN: "再登録できるのは承認者・システム管理者です", NOT_FOUND: "電子交付の保証契約ではありません" });
  }
}
