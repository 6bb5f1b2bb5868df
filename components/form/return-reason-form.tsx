"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/**
 * 差戻し with a reason (an application, or a change after conclusion): the reason goes to the contractor in
 * 「差戻しのお知らせ」 and is shown on their screen.
 */
export function ReturnReasonForm({
  action,
  idName,
  idValue,
  hint,
  maxLength,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  /** the hidden field naming what is returned, e.g. applicationId */
  idName: string;
  idValue: string;
  hint: string;
  maxLength: number;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name={idName} value={idValue} />
      <Field id="reason" label="差戻し理由" hint={hint} errors={state.fieldErrors?.reason} required>
        {(p) => <textarea {...p} rows={4} maxLength={maxLength} defaultValue={state.ok ? "" : (state.values?.reason ?? "")} />}
      </Field>
      <SubmitButton className="btn btn--secondary" pendingText="差戻し中…">
        差戻し
      </SubmitButton>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
