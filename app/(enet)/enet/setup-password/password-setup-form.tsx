"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import { PASSWORD_MIN_LENGTH } from "@/lib/registration/schemas";
import type { PasswordSetupState } from "./actions";

export function PasswordSetupForm({
  action,
  token,
  customerId,
}: {
  action: (s: PasswordSetupState, f: FormData) => Promise<PasswordSetupState>;
  token: string;
  customerId: string;
}) {
  const [state, formAction] = useActionState(action, {});
  if (state.linkInvalid) return <FormMessage message={`${state.message}新しいリンクはログイン画面の「パスワードをお忘れの方」からお送りできます。`} />;
  return (
    <form action={formAction} noValidate key={state.seq ?? 0}>
      <FormMessage message={state.message} />
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the password under the お客様ID. */}
      <input type="text" name="username" autoComplete="username" value={customerId} readOnly hidden />
      <Field
        id="password"
        label="パスワード"
        hint={`${PASSWORD_MIN_LENGTH}文字以上で、推測されにくいものにしてください（文や単語の組み合わせも使えます）`}
        errors={state.fieldErrors?.password}
        required
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" />}
      </Field>
      <Field id="passwordConfirm" label="パスワード（確認）" hint="確認のため、同じパスワードをもう一度入力してください" errors={state.fieldErrors?.passwordConfirm} required>
        {(p) => <input {...p} type="password" autoComplete="new-password" />}
      </Field>
      <SubmitButton pendingText="設定中…">パスワードを設定する</SubmitButton>
    </form>
  );
}
