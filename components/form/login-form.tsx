"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "./field";
import { SubmitButton } from "./submit-button";

type State = { message?: string; values?: Record<string, string>; step?: "code" };

/**
 * The login form of e-Net保証 and of the back office (labels differ). For staff with 二段階認証, a right password
 * is followed by a second step that asks for the 確認コード of the authenticator app (or a リカバリーコード).
 */
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
  if (state.step === "code") {
    return (
      <form action={formAction} noValidate key="code">
        <FormMessage message={state.message} />
        <p>二段階認証の確認コードを入力してください。認証アプリに表示される6桁の数字です。スマートフォンが手元にない場合は、リカバリーコードを入力できます。</p>
        <Field id="code" label="確認コード" hint="6桁の数字、またはリカバリーコード（例：ABCDE-FGHJK）" required>
          {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={32} autoFocus />}
        </Field>
        <SubmitButton pendingText="確認中…">確認してログイン</SubmitButton>
      </form>
    );
  }
  return (
    <form action={formAction} noValidate key="password">
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
