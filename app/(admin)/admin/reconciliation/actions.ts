"use server";
import { refresh } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { reconcileWithDsure } from "@/lib/reconciliation/reconcile-with-dsure";
import { toActionError, type ActionState } from "../_lib/action-state";

/** 照合 now (APPROVER or ADMIN; checked here and again in reconcileWithDsure). */
export async function reconcileNowAction(_prev: ActionState, _formData: FormData): Promise<ActionState> {
  try {
    const staff = await requireStaff(["APPROVER", "ADMIN"]);
    const r = await reconcileWithDsure({ trigger: "SCREEN", staffId: staff.userId });
    refresh();
    if (!r.ran) return { ok: false, message: "照合は実行中です。終わってから画面を更新してください。" };
    if (r.error) return { ok: false, message: r.error };
    return {
      ok: true,
      message: r.discrepancies
        ? `照合しました。不一致が ${r.discrepancies} 件あります（保証契約 ${r.certificates} 件）。`
        : `照合しました。不一致はありません（保証契約 ${r.certificates} 件）。`,
    };
  } catch (e) {
    return toActionError(e, { FORBIDDEN: "照合を実行できるのは承認者・システム管理者です" });
  }
}
