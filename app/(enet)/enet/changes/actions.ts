"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireContractor } from "@/lib/auth/session";
import type { ChangeFormState } from "@/lib/change/form-state";
import { getChangeRequestDetail } from "@/lib/change/get-change-request-detail";
import { loadChangeContext, type LoadedChangeContext } from "@/lib/change/load-change-context";
import { resubmitChangeRequest } from "@/lib/change/resubmit-change-request";
import { changeFieldErrors, changeRequestSchemaFor, ZChangeRequestIdSchema } from "@/lib/change/schemas";
import { submitChangeRequest } from "@/lib/change/submit-change-request";
import { withdrawChangeRequest } from "@/lib/change/withdraw-change-request";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { todayJst } from "@/lib/dates";
import { isDomainError } from "@/lib/errors";
import { outageFormMessage } from "@/lib/db-health";

function valuesOf(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

function stateError(prev: ChangeFormState, values: Record<string, string>, message: string, fieldErrors?: Record<string, string[]>): ChangeFormState {
  return { ok: false, message, fieldErrors, values, seq: (prev.seq ?? 0) + 1 };
}

function lifecycleMessage(loaded: LoadedChangeContext): string | null {
  if (loaded.lifecycleStatus === "CANCELLED") return "この保証は解約されているため、変更を申し込めません。";
  if (loaded.lifecycleStatus === "EXPIRED") return "この保証は保証期間が満了しているため、変更を申し込めません。";
  return null;
}

/**
 * The Japanese message of an expected failure of the change functions (or of an unreachable database, the form
 * keeping its input); anything else is rethrown.
 */
function domainMessage(e: unknown): { message: string; fieldErrors?: Record<string, string[]> } {
  const outage = outageFormMessage(e);
  if (outage) return { message: outage };
  if (!isDomainError(e)) throw e;
  switch (e.code) {
    case "UNAUTHENTICATED":
      return { message: "ログインの有効期限が切れました。もう一度ログインしてください。" };
    case "NOT_FOUND":
      return { message: "対象の保証契約または変更の申込が見つかりません。" };
    case "CONFLICT":
      return { message: "この保証には手続き中の変更があります。「保証契約締結後の変更」の一覧からご確認ください。" };
    case "INVALID_STATE": {
      const s = e.details.lifecycleStatus;
      if (s === "CANCELLED") return { message: "この保証は解約されているため、変更を申し込めません。" };
      if (s === "EXPIRED") return { message: "この保証は保証期間が満了しているため、変更を申し込めません。" };
      return { message: "この申込は現在の状態では操作できません。画面を更新してご確認ください。" };
    }
    case "VALIDATION":
      return { message: "入力内容を確認してください", fieldErrors: e.details.fieldErrors as Record<string, string[]> | undefined };
    default:
      return { message: "処理できませんでした。時間をおいて再度お試しください。" };
  }
}

/** 申し込む (menu 5): a change of one of the company's guarantees. */
export async function submitChangeAction(prev: ChangeFormState, formData: FormData): Promise<ChangeFormState> {
  const values = valuesOf(formData);
  let id: string;
  try {
    const user = await requireContractor();
    const number = parseContractNumber(String(formData.get("contractNumber") ?? "").slice(0, 64));
    const loaded = number.ok ? await loadChangeContext({ companyId: user.companyId, contractNumber: number.value }) : null;
    if (!loaded) return stateError(prev, values, "対象の保証契約が見つかりません。");
    const blocked = lifecycleMessage(loaded);
    if (blocked) return stateError(prev, values, blocked);
    const parsed = changeRequestSchemaFor(loaded.context, todayJst()).safeParse(values);
    if (!parsed.success) return stateError(prev, values, "入力内容を確認してください", changeFieldErrors(parsed.error));
    const result = await submitChangeRequest({
      companyId: user.companyId,
      userId: user.userId,
      loginId: user.loginId,
      contractNumber: loaded.context.contractNumber,
      input: parsed.data,
    });
    id = result.id;
  } catch (e) {
    const { message, fieldErrors } = domainMessage(e);
    return stateError(prev, values, message, fieldErrors);
  }
  revalidatePath("/enet/changes");
  redirect(`/enet/changes/${id}?submitted=1`);
}

/** 再申込 of a returned change. */
export async function resubmitChangeAction(prev: ChangeFormState, formData: FormData): Promise<ChangeFormState> {
  const values = valuesOf(formData);
  let id: string;
  try {
    const user = await requireContractor();
    const ids = ZChangeRequestIdSchema.safeParse({ changeRequestId: formData.get("changeRequestId") });
    const detail = ids.success ? await getChangeRequestDetail({ changeRequestId: ids.data.changeRequestId, companyId: user.companyId }) : null;
    if (!detail) return stateError(prev, values, "変更の申込が見つかりません。");
    const loaded = await loadChangeContext({ companyId: user.companyId, contractId: detail.contractId });
    if (!loaded) return stateError(prev, values, "対象の保証契約が見つかりません。");
    const blocked = lifecycleMessage(loaded);
    if (blocked) return stateError(prev, values, blocked);
    const parsed = changeRequestSchemaFor(loaded.context, todayJst()).safeParse({ ...values, kind: detail.kind });
    if (!parsed.success) return stateError(prev, values, "入力内容を確認してください", changeFieldErrors(parsed.error));
    const result = await resubmitChangeRequest({
      companyId: user.companyId,
      userId: user.userId,
      loginId: user.loginId,
      changeRequestId: detail.id,
      input: parsed.data,
    });
    id = result.id;
  } catch (e) {
    const { message, fieldErrors } = domainMessage(e);
    return stateError(prev, values, message, fieldErrors);
  }
  revalidatePath("/enet/changes");
  redirect(`/enet/changes/${id}?submitted=1`);
}

/** 取下げ of a change still in hand. */
export async function withdrawChangeAction(prev: ChangeFormState, formData: FormData): Promise<ChangeFormState> {
  try {
    const user = await requireContractor();
    const ids = ZChangeRequestIdSchema.safeParse({ changeRequestId: formData.get("changeRequestId") });
    if (!ids.success) return { ok: false, message: "変更の申込が見つかりません。" };
    await withdrawChangeRequest({ companyId: user.companyId, userId: user.userId, loginId: user.loginId, changeRequestId: ids.data.changeRequestId });
  } catch (e) {
    return { ok: false, message: domainMessage(e).message };
  }
  revalidatePath("/enet/changes");
  return { ok: true, message: "変更の申込を取り下げました。", seq: (prev.seq ?? 0) + 1 };
}
