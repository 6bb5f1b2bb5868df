"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** 保証料計算書の作成 on demand (the scheduler does it on the 1st of each month anyway). */
export function GenerateFeeStatementsForm({
  action,
  defaultMonth,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  /** YYYY-MM: last month */
  defaultMonth: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate className="inline-form">
      <Field id="month" label="対象月" hint="YYYY-MM（終わった月のみ）" errors={state.fieldErrors?.month} required>
        {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="off" defaultValue={state.values?.month ?? defaultMonth} style={{ maxWidth: "10rem" }} />}
      </Field>
      <SubmitButton className="btn btn--secondary" pendingText="作成中…">
        保証料計算書を作成
      </SubmitButton>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
