"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** 差戻し of a change after conclusion: the reason goes to the contractor in 「差戻しのお知らせ」 and on their screen. */
export function ReturnChangeForm({
  action,
  changeRequestId,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  changeRequestId: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="changeRequestId" value={changeRequestId} />
      <Field id="reason" label="差戻し理由" hint="請負者へのメールと変更申込の画面に表示されます。" errors={state.fieldErrors?.reason} required>
        {(p) => <textarea {...p} rows={4} maxLength={2000} defaultValue={state.ok ? "" : (state.values?.reason ?? "")} />}
      </Field>
      <SubmitButton className="btn btn--secondary" pendingText="差戻し中…">
        差戻し
      </SubmitButton>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
