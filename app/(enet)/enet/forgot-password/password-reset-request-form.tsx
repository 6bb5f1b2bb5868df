"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import type { PasswordResetRequestState } from "./actions";

export function PasswordResetRequestForm({ action }: { action: (s: PasswordResetRequestState, f: FormData) => Promise<PasswordResetRequestState> }) {
  const [state, formAction] = useActionState(action, {});
  if (state.done) {
    return (
      <div className="notice notice--success" role="status">
        <p>お客様IDが登録されている場合は、ご登録のメールアドレスに「パスワード再設定のお知らせ」をお送りしました。</p>
        <p>メールのリンクから新しいパスワードを設定してください。リンクは一度だけ使用でき、送信から1時間で無効になります。</p>
        <p>メールが届かない場合は、お客様IDをご確認のうえ、当社までご連絡ください。</p>
      </div>
    );
  }
  return (
    <form action={formAction} noValidate key={state.seq ?? 0}>
      <FormMessage message={state.message} />
      <Field id="customerId" label="お客様ID" errors={state.fieldErrors?.customerId} required>
        {(p) => <input {...p} type="text" autoComplete="username" defaultValue={state.values?.customerId ?? ""} />}
      </Field>
      <SubmitButton pendingText="送信中…">再設定のメールを送る</SubmitButton>
    </form>
  );
}
