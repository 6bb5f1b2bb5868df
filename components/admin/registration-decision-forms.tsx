"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };
type Action = (state: State, formData: FormData) => Promise<State>;

/** 承認 (optionally with a chosen お客様ID) and 却下 (with a reason) of one ID登録申請. */
export function RegistrationDecisionForms({
  approve,
  reject,
  requestId,
}: {
  approve: Action;
  reject: Action;
  requestId: string;
}) {
  const [approved, approveAction] = useActionState(approve, {});
  const [rejected, rejectAction] = useActionState(reject, {});
  return (
    <div className="inline-form">
      <form action={approveAction} noValidate>
        <input type="hidden" name="requestId" value={requestId} />
        <Field
          id={`customerId-${requestId}`}
          label="お客様ID（任意）"
          hint="空欄なら自動で採番します。"
          errors={approved.fieldErrors?.customerId}
        >
          {(p) => <input {...p} name="customerId" type="text" defaultValue={approved.values?.customerId ?? ""} />}
        </Field>
        <SubmitButton pendingText="処理中…">承認する</SubmitButton>
        <FormMessage message={approved.message} tone={approved.ok ? "success" : "error"} />
      </form>
      <form action={rejectAction} noValidate>
        <input type="hidden" name="requestId" value={requestId} />
        <Field id={`reason-${requestId}`} label="却下の理由" errors={rejected.fieldErrors?.reason} required>
          {(p) => <textarea {...p} name="reason" rows={2} defaultValue={rejected.values?.reason ?? ""} />}
        </Field>
        <SubmitButton className="btn btn--danger" pendingText="処理中…">
          却下する
        </SubmitButton>
        <FormMessage message={rejected.message} tone={rejected.ok ? "success" : "error"} />
      </form>
    </div>
  );
}
