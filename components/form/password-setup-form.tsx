"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "./field";
import { SubmitButton } from "./submit-button";
import { PASSWORD_MIN_LENGTH } from "@/lib/registration/schemas";

import type { PasswordSetupState } from "@/lib/registration/set-password-from-link";

/**
 * パスワードの設定 behind a mailed single-use link (e-Net保証 and the back office). `loginId` lets password managers
 * store the password under the お客様ID or 職員ID; `whenInvalid` says what to do when the link turns out used up.
 */
export function PasswordSetupForm({
  action,
  token,
  loginId,
  whenInvalid,
}: {
  action: (s: PasswordSetupState, f: FormData) => Promise<PasswordSetupState>;
  token: string;
  loginId: string;
  whenInvalid: string;
}) {
  const [state, formAction] = useActionState(action, {});
  if (state.linkInvalid) return <FormMessage message={`${state.message}${whenInvalid}`} />;
  return (
    <form action={formAction} noValidate key={state.seq ?? 0}>
      <FormMessage message={state.message} />
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the password under the login id. */}
      <input type="text" name="username" autoComplete="username" value={loginId} readOnly hidden />
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
