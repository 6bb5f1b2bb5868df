import "server-only";
import { isDomainError, type DomainErrorCode } from "@/lib/errors";
import { outageFormMessage } from "@/lib/db-health";

/** What every back-office server action returns to its form (useActionState). */
export type ActionState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

const MESSAGES: Record<DomainErrorCode, string> = {
  UNAUTHENTICATED: "ログインの有効期限が切れました。もう一度ログインしてください。",
  FORBIDDEN: "この操作の権限がありません",
  NOT_FOUND: "対象が見つかりません。画面を更新してください。",
  VALIDATION: "入力内容を確認してください",
  CONFLICT: "ほかの職員が先に操作しました。画面を更新して確認してください。",
  INVALID_STATE: "現在の状態ではこの操作はできません。画面を更新して確認してください。",
  THROTTLED: "操作が多すぎます。しばらくしてから再度お試しください。",
  NOT_ELIGIBLE_FOR_ELECTRONIC: "電子交付の対象外です",
  SAME_PERSON_REVIEW_AND_APPROVAL: "審査を担当した職員は締結できません",
  INVALID_CONTRACT_NUMBER: "保証契約番号を割り当てられません",
  TOKEN_INVALID: "リンクが無効です",
  NO_RATE_TABLE: "適用される料率表がありません",
  PERIOD_ENDED: "保証期間が既に終わっています",
};

/**
 * The Japanese message for an expected failure (DomainError), with per-action wording in `overrides`; unexpected
 * errors are rethrown so they reach the error page and the log instead of being dressed up as a user mistake.
 * When the domain lists what blocks the operation (`details.blockers`), those reasons are shown too. An unreachable
 * database is said plainly (the transaction was not committed, so nothing was half done) and the form keeps its input.
 */
export function toActionError(
  e: unknown,
  overrides: Partial<Record<DomainErrorCode, string>> = {},
  values?: Record<string, string>,
): ActionState {
  const outage = outageFormMessage(e);
  if (outage) return { ok: false, message: outage, values };
  if (!isDomainError(e)) throw e;
  const base =
    e.code === "FORBIDDEN" && e.details.reason === "second_factor"
      ? "二段階認証を設定するまで、この操作はできません。「二段階認証の設定」から設定してください。"
      : (overrides[e.code] ?? MESSAGES[e.code]);
  const blockers = Array.isArray(e.details.blockers) ? (e.details.blockers as string[]) : [];
  const fieldErrors = (e.details.fieldErrors as Record<string, string[]> | undefined) ?? undefined;
  return { ok: false, message: blockers.length ? `${base}：${blockers.join("／")}` : base, fieldErrors, values };
}

/** Field values of a form as strings, to echo back so nothing the user typed is lost. */
export function formValues(formData: FormData, omit: readonly string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !k.startsWith("$ACTION") && !omit.includes(k)) values[k] = v;
  }
  return values;
}

/** zod issues as messages per field path (`bands.2.rate`), in order, without duplicates. */
export function fieldErrorsOf(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    const list = (out[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}
