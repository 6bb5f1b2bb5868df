"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "./field";
import { SubmitButton } from "./submit-button";

type State = { message?: string; values?: Record<string, string> };

/** The login form of e-Net保証 and of the back office (labels differ). */
export function LoginForm({
  action,
  idName,
  idLabel,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  idName: string;
  idLabel: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate>
      <FormMessage message={state.message} />
      <Field id={idName} label={idLabel} required>
        {(p) => <input {...p} type="text" autoComplete="username" defaultValue={state.values?.[idName] ?? ""} />}
      </Field>
      <Field id="password" label="パスワード" required>
        {(p) => <input {...p} type="password" autoComplete="current-password" />}
      </Field>
      <SubmitButton pendingText="ログイン中…">ログイン</SubmitButton>
    </form>
  );
}
