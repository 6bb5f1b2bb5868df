"use server";
import { refresh } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { generateMonthlyFeeStatements } from "@/lib/fee-statement/generate-monthly-fee-statements";
import { formatMonthLabel } from "@/lib/fee-statement/month";
import { ZGenerateFeeStatementsSchema } from "@/lib/fee-statement/schemas";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../_lib/action-state";

/** 保証料計算書を作成 for a finished month (APPROVER or ADMIN); idempotent per company and month. */
export async function generateFeeStatementsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const staff = await requireStaff(["APPROVER", "ADMIN"]);
    const parsed = ZGenerateFeeStatementsSchema.safeParse({ month: formData.get("month") ?? "" });
    if (!parsed.success) return { ok: false, message: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    const r = await generateMonthlyFeeStatements({ month: parsed.data.month, staffId: staff.userId });
    refresh();
    const label = formatMonthLabel(r.month);
    return {
      ok: true,
      values,
      message:
        `${label}分：${r.created.length}社の保証料計算書を作成しました` +
        (r.existing ? `（作成済み ${r.existing}社）` : "") +
        (r.empty ? `。対象の保証がない保証料一括納付の請負者 ${r.empty}社には作成していません` : "") +
        "。",
    };
  } catch (e) {
    return toActionError(e, { INVALID_STATE: "対象月がまだ終わっていないため作成できません", FORBIDDEN: "保証料計算書を作成できるのは承認者・システム管理者です" }, values);
  }
}
