"use server";
import { refresh } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { createRateTableVersion } from "@/lib/rate-table/create-rate-table-version";
import { RATE_TABLE_MAX_BANDS, ZCreateRateTableSchema } from "@/lib/rate-table/schemas";
import { fieldErrorsOf, formValues, toActionError, type ActionState } from "../_lib/action-state";

/** 料率表の新しい版 (ADMIN). */
export async function createRateTableAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const admin = await requireStaff(["ADMIN"]);
    const bands = Array.from({ length: RATE_TABLE_MAX_BANDS }, (_, i) => ({
      upTo: String(formData.get(`bands.${i}.upTo`) ?? ""),
      rate: String(formData.get(`bands.${i}.rate`) ?? ""),
      fixedFee: String(formData.get(`bands.${i}.fixedFee`) ?? ""),
    }));
    const parsed = ZCreateRateTableSchema.safeParse({
      guaranteeType: formData.get("guaranteeType"),
      name: formData.get("name") ?? "",
      isSample: formData.get("isSample") === "on",
      effectiveFrom: formData.get("effectiveFrom") ?? "",
      roundingUnit: formData.get("roundingUnit") ?? "",
      roundingMode: formData.get("roundingMode"),
      minimumFee: formData.get("minimumFee") ?? "0",
      bands,
    });
    if (!parsed.success) return { ok: false, message: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
    await createRateTableVersion({ adminId: admin.userId, input: parsed.data });
    refresh();
    return { ok: true, message: `料率表「${parsed.data.name}」を${parsed.data.effectiveFrom}から適用する版として登録しました。` };
  } catch (e) {
    if (isDomainError(e, "VALIDATION") && e.details.field === "effectiveFrom") {
      return { ok: false, message: "入力内容を確認してください", fieldErrors: { effectiveFrom: ["適用開始日は本日以降の日付にしてください（過去にさかのぼる改定はできません）"] }, values };
    }
    if (isDomainError(e, "VALIDATION") && Array.isArray(e.details.problems)) {
      return { ok: false, message: "料率の区分を確認してください（保証金額の上限は行ごとに大きくし、上限なしは最後の行だけにします）", values };
    }
    if (isDomainError(e, "CONFLICT")) {
      return { ok: false, message: "入力内容を確認してください", fieldErrors: { effectiveFrom: ["この保証の種類には同じ適用開始日の版が既にあります"] }, values };
    }
    return toActionError(e, {}, values);
  }
}
