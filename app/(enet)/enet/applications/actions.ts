"use server";
import { redirect } from "next/navigation";
import { requireContractor } from "@/lib/auth/session";
import type { ContractorPrincipal } from "@/lib/auth/authenticate";
import { isDomainError } from "@/lib/errors";
import { answerOutage, OUTAGE_FORM_MESSAGE } from "@/lib/db-health";
import { checkApplicationSubmittable } from "@/lib/guarantee-application/check-application-submittable";
import { deleteApplicationDraft } from "@/lib/guarantee-application/delete-application-draft";
import { addFieldError, type FieldErrors } from "@/lib/guarantee-application/field-errors";
import type { ApplicationFormState, SubmitFormState } from "@/lib/guarantee-application/form-state";
import { saveApplicationDraft } from "@/lib/guarantee-application/save-application-draft";
import { toFieldErrors, ZApplicationDraftSchema } from "@/lib/guarantee-application/schemas";
import { submitApplication } from "@/lib/guarantee-application/submit-application";

const CHECK_FIELDS = "入力内容に誤りがあります。各項目のメッセージをご確認ください。";
const NOT_EDITABLE = "この申込みは既に申し込まれているため変更できません。保存中・手続き中一覧からご確認ください。";

/** Every action acts for the logged-in contractor and for that contractor's company only. */
async function contractorOrLogin(): Promise<ContractorPrincipal> {
  try {
    return await requireContractor();
  } catch (e) {
    if (isDomainError(e, "UNAUTHENTICATED")) redirect("/enet/login");
    throw e;
  }
}

/** The posted fields as typed (strings), without React's and our own control fields. */
function postedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || key === "intent" || key === "applicationId" || typeof value !== "string") continue;
    values[key] = value;
  }
  return values;
}

/**
 * 一時保存 and 確認 of the application form (one action, told apart by the button pressed). If the database cannot be
 * reached, the form stays as typed with a plain message (a long form must not be lost to an outage).
 */
export async function saveApplicationAction(prev: ApplicationFormState, formData: FormData): Promise<ApplicationFormState> {
  return answerOutage(
    async () => saveApplication(await contractorOrLogin(), prev, formData),
    () => {
      const posted = formData.get("applicationId");
      return { ...prev, seq: (prev.seq ?? 0) + 1, values: postedValues(formData), applicationId: typeof posted === "string" && posted ? posted : prev.applicationId, message: OUTAGE_FORM_MESSAGE, fieldErrors: undefined };
    },
  );
}

async function saveApplication(user: ContractorPrincipal, prev: ApplicationFormState, formData: FormData): Promise<ApplicationFormState> {
  const intent = formData.get("intent") === "confirm" ? "confirm" : "save";
  const values = postedValues(formData);
  const posted = formData.get("applicationId");
  let applicationId = typeof posted === "string" && posted ? posted : undefined;
  const answer = (a: Omit<ApplicationFormState, "seq" | "values">): ApplicationFormState => ({
    seq: (prev.seq ?? 0) + 1,
    values,
    applicationId,
    ...a,
  });

  const parsed = ZApplicationDraftSchema.safeParse(values);
  if (!parsed.success) return answer({ message: CHECK_FIELDS, fieldErrors: toFieldErrors(parsed.error) });

  try {
    const saved = await saveApplicationDraft({
      companyId: user.companyId,
      userId: user.userId,
      loginId: user.loginId,
      applicationId,
      draft: parsed.data,
    });
    applicationId = saved.id;
  } catch (e) {
    if (isDomainError(e, "VALIDATION")) return answer({ message: CHECK_FIELDS, fieldErrors: e.details.fieldErrors as FieldErrors });
    if (isDomainError(e, "NOT_ELIGIBLE_FOR_ELECTRONIC")) {
      return answer({ message: CHECK_FIELDS, fieldErrors: { deliveryMethod: [String(e.details.reason)] } });
    }
    if (isDomainError(e, "INVALID_STATE")) return answer({ message: NOT_EDITABLE });
    if (isDomainError(e, "NOT_FOUND")) return answer({ message: "この申込みは見つかりません。保存中・手続き中一覧から開き直してください。" });
    throw e;
  }

  if (intent === "save") redirect(`/enet/applications/${applicationId}/edit?saved=1`);

  const check = await checkApplicationSubmittable({ companyId: user.companyId, applicationId: applicationId! });
  if (!check.ok) {
    return answer({
      message: `一時保存しました。申し込むには次の項目をご確認ください。`,
      fieldErrors: check.fieldErrors,
    });
  }
  redirect(`/enet/applications/${applicationId}/confirm`);
}

/** 申込む on the confirmation screen. A second click of a submitted one lands on the same result. */
export async function submitApplicationAction(prev: SubmitFormState, formData: FormData): Promise<SubmitFormState> {
  return answerOutage(
    async () => submit(await contractorOrLogin(), prev, formData),
    () => ({ message: "ただいまシステムに接続できないため、申し込めませんでした。しばらく待ってから、もう一度「申込む」を押してください。" }),
  );
}

async function submit(user: ContractorPrincipal, _prev: SubmitFormState, formData: FormData): Promise<SubmitFormState> {
  const applicationId = String(formData.get("applicationId") ?? "");
  const lockVersion = Number(formData.get("lockVersion"));
  let outcome: "SUBMITTED" | "ALREADY_SUBMITTED";
  try {
    ({ outcome } = await submitApplication({
      companyId: user.companyId,
      userId: user.userId,
      loginId: user.loginId,
      applicationId,
      lockVersion: Number.isInteger(lockVersion) ? lockVersion : -1,
    }));
  } catch (e) {
    if (isDomainError(e, "CONFLICT")) {
      return { message: "確認画面を開いた後に申込内容が変更されました。画面を開き直して、内容をもう一度ご確認ください。" };
    }
    if (isDomainError(e, "NOT_ELIGIBLE_FOR_ELECTRONIC")) {
      const fieldErrors: FieldErrors = { ...((e.details.fieldErrors as FieldErrors | undefined) ?? {}) };
      addFieldError(fieldErrors, "deliveryMethod", String(e.details.reason));
      return { message: `電子交付を選択できません：${String(e.details.reason)}。「修正する」から受取方法を変更してください。`, fieldErrors };
    }
    if (isDomainError(e, "VALIDATION")) {
      return { message: "申込内容に不足または誤りがあります。「修正する」から入力内容をご確認ください。", fieldErrors: e.details.fieldErrors as FieldErrors };
    }
    if (isDomainError(e, "INVALID_STATE")) return { message: "この申込みは申し込める状態ではありません。" };
    if (isDomainError(e, "NOT_FOUND")) return { message: "この申込みは見つかりません。" };
    throw e;
  }
  redirect(`/enet/applications/${applicationId}?${outcome === "SUBMITTED" ? "submitted" : "already"}=1`);
}

/** Deletes a draft (保存中) from its delete-confirmation page. */
export async function deleteApplicationDraftAction(formData: FormData): Promise<void> {
  const user = await contractorOrLogin();
  const applicationId = String(formData.get("applicationId") ?? "");
  try {
    await deleteApplicationDraft({ companyId: user.companyId, userId: user.userId, loginId: user.loginId, applicationId });
  } catch (e) {
    if (isDomainError(e, "NOT_FOUND")) redirect("/enet/applications?notfound=1");
    if (isDomainError(e, "INVALID_STATE")) redirect(`/enet/applications/${applicationId}?notdeletable=1`);
    throw e;
  }
  redirect("/enet/applications?deleted=1");
}
