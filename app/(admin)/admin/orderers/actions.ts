"use server";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { ZSaveDeliveryRuleSchema, ZSaveDepartmentSchema, ZSaveOrdererSchema } from "@/lib/orderer/orderer-master-schemas";
import { saveElectronicDeliveryRule } from "@/lib/orderer/save-electronic-delivery-rule";
import { saveOrderer } from "@/lib/orderer/save-orderer";
import { saveOrdererDepartment } from "@/lib/orderer/save-orderer-department";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../_lib/action-state";

const INVALID = "入力内容を確認してください";

/** 発注者の登録・変更 (ADMIN). A new orderer opens its own page for departments and rules. */
export async function saveOrdererAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let createdId: string | null = null;
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZSaveOrdererSchema.safeParse({
      id: formData.get("id") ?? undefined,
      code: formData.get("code") ?? "",
      name: formData.get("name") ?? "",
      active: formData.get("active") === "on",
    });
    if (!parsed.success) return { ok: false, message: INVALID, fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    const { id } = await saveOrderer({ adminId: admin.userId, input: parsed.data });
    if (!parsed.data.id) createdId = id;
    else {
      refresh();
      return { ok: true, message: "発注者を保存しました。" };
    }
  } catch (e) {
    const state = toActionError(e, { CONFLICT: "この発注者コードは既に使われています" }, values);
    return state.message === "この発注者コードは既に使われています" ? { ...state, fieldErrors: { code: [state.message] } } : state;
  }
  redirect(`/admin/orderers/${createdId}`);
}

/** 担当課の登録・変更 (ADMIN). */
export async function saveDepartmentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZSaveDepartmentSchema.safeParse({
      ordererId: formData.get("ordererId"),
      id: formData.get("id") ?? undefined,
      name: formData.get("name") ?? "",
      email: formData.get("email") ?? "",
      mailSubjectTemplate: formData.get("mailSubjectTemplate") ?? "",
      active: formData.get("active") === "on",
    });
    if (!parsed.success) return { ok: false, message: INVALID, fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    await saveOrdererDepartment({ adminId: admin.userId, input: parsed.data });
    refresh();
    return { ok: true, message: `担当課「${parsed.data.name}」を保存しました。` };
  } catch (e) {
    const state = toActionError(e, { CONFLICT: "同じ名前の担当課が既にあります" }, values);
    return state.message === "同じ名前の担当課が既にあります" ? { ...state, fieldErrors: { name: [state.message] } } : state;
  }
}

/** 電子交付の設定 (ADMIN). */
export async function saveDeliveryRuleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const admin = await requireStaff(["ADMIN"]);
    const parsed = ZSaveDeliveryRuleSchema.safeParse({
      ordererId: formData.get("ordererId"),
      acceptsElectronic: formData.get("acceptsElectronic") === "on",
      startDate: formData.get("startDate") ?? "",
      workCategories: formData.getAll("workCategories"),
      guaranteeTypes: formData.getAll("guaranteeTypes"),
      keySubmissionMethod: formData.get("keySubmissionMethod"),
      keySubmissionNote: formData.get("keySubmissionNote") ?? "",
      mailSubjectTemplate: formData.get("mailSubjectTemplate") ?? "",
    });
    if (!parsed.success) return { ok: false, message: INVALID, fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    await saveElectronicDeliveryRule({ adminId: admin.userId, input: parsed.data });
    refresh();
    return { ok: true, message: "電子交付の設定を保存しました。" };
  } catch (e) {
    return toActionError(e, {}, values);
  }
}
