"use server";
import { refresh } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { ZChangeStaffRoleSchema, ZCreateStaffUserSchema, ZSetStaffActiveSchema } from "@/lib/staff/schemas";
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
    return { ok: true, message: `職員ID「${parsed.data.staffId}」を登録しました。初期パスワードを本人に伝えてください。` };
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
    await updateStaffUser({ adminId: admin.userId, id: parsed.data.id, change: { role: parsed.data.role } });
    refresh();
    return { ok: true, message: "権限を変更しました。" };
  } catch (e) {
    return toActionError(e, {
      FORBIDDEN: "自分自身の権限・利用状態は変更できません（または権限がありません）",
      INVALID_STATE: "有効なシステム管理者が1人もいなくなるため変更できません",
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
