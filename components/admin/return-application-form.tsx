"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** 差戻し: the reason goes to the contractor in 「差戻しのお知らせ」 and is shown on their application. */
export function ReturnApplicationForm({
  action,
  applicationId,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  applicationId: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="applicationId" value={applicationId} />
      <Field id="reason" label="差戻し理由" hint="請負者へのメールと申込画面に表示されます。" errors={state.fieldErrors?.reason} required>
        {(p) => <textarea {...p} rows={4} maxLength={1000} defaultValue={state.ok ? "" : (state.values?.reason ?? "")} />}
      </Field>
      <SubmitButton className="btn btn--secondary" pendingText="差戻し中…">
        差戻し
      </SubmitButton>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
