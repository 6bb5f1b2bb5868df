"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import type { PasswordChangeState } from "@/lib/auth/change-password-action";

/** パスワードの変更 (both portals): current password, the new one twice. */
export function PasswordChangeForm({
  action,
  loginId,
  minLength,
}: {
  action: (s: PasswordChangeState, f: FormData) => Promise<PasswordChangeState>;
  loginId: string;
  minLength: number;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <>
      {state.done ? (
        <p className="notice notice--success" role="status">
          {state.message}
        </p>
      ) : null}
      <form action={formAction} noValidate key={state.seq ?? 0}>
        {state.done ? null : <FormMessage message={state.message} />}
        <input type="text" name="username" autoComplete="username" value={loginId} readOnly hidden />
        <Field id="currentPassword" label="現在のパスワード" errors={state.fieldErrors?.currentPassword} required>
          {(p) => <input {...p} type="password" autoComplete="current-password" />}
        </Field>
        <Field
          id="newPassword"
          label="新しいパスワード"
          hint={`${minLength}文字以上で、推測されにくいものにしてください（文や単語の組み合わせも使えます）`}
          errors={state.fieldErrors?.newPassword}
          required
        >
          {(p) => <input {...p} type="password" autoComplete="new-password" />}
        </Field>
        <Field id="newPasswordConfirm" label="新しいパスワード（確認）" errors={state.fieldErrors?.newPasswordConfirm} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" />}
        </Field>
        <SubmitButton pendingText="変更中…">パスワードを変更する</SubmitButton>
      </form>
    </>
  );
}
