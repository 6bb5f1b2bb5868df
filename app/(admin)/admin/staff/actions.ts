"use server";
import { refresh } from "next/cache";
import { isDomainError } from "@/lib/errors";
import { requireStaff } from "@/lib/auth/session";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { decideRoleGrant } from "@/lib/staff/decide-role-grant";
import { ZChangeStaffRoleSchema, ZCreateStaffUserSchema, ZDecideRoleGrantSchema, ZSetStaffActiveSchema } from "@/lib/staff/schemas";
import { updateStaffUser } from "@/lib/staff/update-staff-user";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../_lib/action-state";

/** 職員の登録 (ADMIN). */
export async function createStaffAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZCreateStaffUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, message: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    await createStaffUser({ adminId: admin.userId, input: parsed.data });
    refresh();
    return {
      ok: true,
      message: `職員ID「${parsed.data.staffId}」を登録しました。別のシステム管理者が承認すると、本人にパスワード設定用のリンクがメールで届きます。`,
    };
  } catch (e) {
    const state = toActionError(e, { CONFLICT: "この職員IDは既に使われています" }, values);
    return { ...state, fieldErrors: state.message?.startsWith("この職員ID") ? { staffId: [state.message] } : state.fieldErrors };
  }
}

/** 権限の変更 (ADMIN). */
export async function changeStaffRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZChangeStaffRoleSchema.safeParse({ id: formData.get("id"), role: formData.get("role") });
    if (!parsed.success) return { ok: false, message: "権限を選択してください" };
    const { pending } = await updateStaffUser({ adminId: admin.userId, id: parsed.data.id, change: { role: parsed.data.role } });
    refresh();
    return { ok: true, message: pending ? "権限の付与を申請しました。別のシステム管理者が承認すると有効になります。" : "権限を変更しました。" };
  } catch (e) {
    const pending = isDomainError(e, "INVALID_STATE") && e.details.reason === "GRANT_PENDING";
    return toActionError(e, {
      FORBIDDEN: "自分自身の権限・利用状態は変更できません（または権限がありません）",
      INVALID_STATE: pending ? "承認待ちの権限付与があります。承認・却下の後に変更してください" : "有効なシステム管理者が1人もいなくなるため変更できません",
    });
  }
}

/** 権限の付与の承認・却下 (another ADMIN than the one who asked, and not the member). */
export async function decideRoleGrantAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZDecideRoleGrantSchema.safeParse({ grantId: formData.get("grantId"), decision: formData.get("decision") });
    if (!parsed.success) return { ok: false, message: "申請を特定できません" };
    const approve = parsed.data.decision === "approve";
    await decideRoleGrant({ adminId: admin.userId, grantId: parsed.data.grantId, approve });
    refresh();
    return { ok: true, message: approve ? "権限の付与を承認しました。" : "権限の付与を却下しました。" };
  } catch (e) {
    return toActionError(e, {
      FORBIDDEN: "自分が申請した権限付与や、自分への権限付与は承認できません（別のシステム管理者が承認します）",
      INVALID_STATE: "この申請は既に処理されたか、対象職員の権限が変わっています。画面を更新してください",
    });
  }
}

/** 利用停止 / 利用再開 (ADMIN). */
export async function setStaffActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZSetStaffActiveSchema.safeParse({ id: formData.get("id"), active: formData.get("active") });
    if (!parsed.success) return { ok: false, message: "職員を特定できません" };
    await updateStaffUser({ adminId: admin.userId, id: parsed.data.id, change: { active: parsed.data.active } });
    refresh();
    return { ok: true, message: parsed.data.active ? "利用を再開しました。" : "利用を停止しました。" };
  } catch (e) {
    return toActionError(e, {
      FORBIDDEN: "自分自身の権限・利用状態は変更できません（または権限がありません）",
      INVALID_STATE: "有効なシステム管理者が1人もいなくなるため停止できません",
    });
  }
}
