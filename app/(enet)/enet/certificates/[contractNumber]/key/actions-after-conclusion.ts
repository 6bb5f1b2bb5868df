"use server";
/**
 * Server actions of the key page's 「発注者へ送信」 and 「認証キーの再発行」 (components/certificate/key-actions). Each
 * checks the contractor and the ownership itself (through the domain functions); another company's guarantee gets
 * the same answer as a missing one.
 */
import { revalidatePath } from "next/cache";
import { requireContractor } from "@/lib/auth/session";
import { reissueAuthKey } from "@/lib/auth-key/reissue-auth-key";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { formatDateTimeJst } from "@/lib/dates";
import { isDomainError } from "@/lib/errors";
import { sendKeyNoticeToOrderer } from "@/lib/orderer/send-key-notice-to-orderer";

export type KeyActionState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function failure(e: unknown, values?: Record<string, string>): KeyActionState {
  if (!isDomainError(e)) throw e;
  switch (e.code) {
    case "UNAUTHENTICATED":
      return { ok: false, message: "ログインの有効期限が切れました。もう一度ログインしてください。", values };
    case "NOT_FOUND":
      return { ok: false, message: "対象の保証契約が見つかりません。", values };
    case "VALIDATION":
      return { ok: false, message: "入力内容を確認してください", fieldErrors: e.details.fieldErrors as Record<string, string[]> | undefined, values };
    case "INVALID_STATE": {
      const reason = e.details.reason;
      const message =
        reason === "CANCELLED"
          ? "この保証は解約されているため送信できません。"
          : reason === "NO_KEY"
            ? "現在有効な認証キーがないため送信できません。"
            : reason === "NOT_BY_EMAIL"
              ? "この発注者は電子メールでの提出を受け付けていません。"
              : "現在の状態ではこの操作はできません。";
      return { ok: false, message, values };
    }
    default:
      return { ok: false, message: "処理できませんでした。時間をおいて再度お試しください。", values };
  }
}

/** 発注者へ送信: the 認証キー等のお知らせ PDF to the chosen department's registered address. */
export async function sendKeyNoticeAction(_prev: KeyActionState, formData: FormData): Promise<KeyActionState> {
  const departmentId = String(formData.get("departmentId") ?? "");
  const values = { departmentId };
  let path: string;
  let message: string;
  try {
    const user = await requireContractor();
    const number = parseContractNumber(String(formData.get("contractNumber") ?? "").slice(0, 64));
    if (!number.ok) return { ok: false, message: "対象の保証契約が見つかりません。", values };
    if (!UUID.test(departmentId)) return { ok: false, message: "入力内容を確認してください", fieldErrors: { departmentId: ["送信先の担当課を選択してください"] }, values };
    const token = String(formData.get("requestToken") ?? "");
    const r = await sendKeyNoticeToOrderer({
      companyId: user.companyId,
      userId: user.userId,
      loginId: user.loginId,
      contractNumber: number.value,
      departmentId,
      requestToken: UUID.test(token) ? token : null,
    });
    path = `/enet/certificates/${number.value}/key`;
    message = r.alreadySent
      ? `この内容は送信済みです（${r.departmentName}　${formatDateTimeJst(r.sentAt)}）。`
      : `${r.departmentName}（${r.toAddress}）へ「認証キー等のお知らせ」を送信しました（${formatDateTimeJst(r.sentAt)}）。`;
  } catch (e) {
    return failure(e, values);
  }
  revalidatePath(path);
  return { ok: true, message, values };
}

/** 認証キーの再発行 by the contractor: the old key stops working at once; the new notice is downloaded from this page. */
export async function reissueAuthKeyByContractorAction(_prev: KeyActionState, formData: FormData): Promise<KeyActionState> {
  let path: string;
  let message: string;
  try {
    const user = await requireContractor();
    const contractId = String(formData.get("contractId") ?? "");
    if (!UUID.test(contractId)) return { ok: false, message: "対象の保証契約が見つかりません。" };
    if (formData.get("confirm") !== "yes") return { ok: false, message: "確認欄にチェックを入れてください。" };
    const r = await reissueAuthKey({ contractId, actor: { kind: "CONTRACTOR", userId: user.userId, loginId: user.loginId, companyId: user.companyId } });
    const number = parseContractNumber(String(formData.get("contractNumber") ?? "").slice(0, 64));
    path = number.ok ? `/enet/certificates/${number.value}/key` : "/enet/certificates";
    message = `認証キーを再発行しました（${formatDateTimeJst(r.issuedAt)}）。これまでの認証キーは使えません。新しい「認証キー等のお知らせ（PDF）」をダウンロードして、発注者へ改めて提出してください。`;
  } catch (e) {
    return failure(e);
  }
  revalidatePath(path);
  return { ok: true, message };
}
