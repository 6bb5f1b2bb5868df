"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage } from "./field";
import { SubmitButton } from "./submit-button";

export interface SecondFactorEnrolState {
  seq?: number;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** Shown once, right after the setting is confirmed. */
  recoveryCodes?: string[];
}

/** The code that confirms 二段階認証の設定, then the ten リカバリーコード, shown once. */
export function SecondFactorEnrolForm({ action }: { action: (s: SecondFactorEnrolState, f: FormData) => Promise<SecondFactorEnrolState> }) {
  const [state, formAction] = useActionState(action, {});
  if (state.recoveryCodes) {
    return (
      <section aria-labelledby="recovery-heading">
        <p className="notice notice--success" role="status">
          二段階認証を設定しました。次回から、ログインのたびに確認コードを入力します。ほかの端末でのログインは終了しました。
        </p>
        <h2 id="recovery-heading">リカバリーコード</h2>
        <p>
          スマートフォンをなくしたときなどに、確認コードの代わりに使えます。各コードは一度だけ使用できます。
          <strong>この画面を離れると二度と表示されません。</strong>印刷するか、安全な場所に控えてください。
        </p>
        <ul className="recovery-codes" aria-label="リカバリーコード一覧">
          {state.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/admin">控えました（業務システムへ進む）</Link>
        </p>
      </section>
    );
  }
  return (
    <form action={formAction} noValidate key={state.seq ?? 0}>
      <FormMessage message={state.message} />
      <Field id="code" label="確認コード" hint="認証アプリに表示される6桁の数字" errors={state.fieldErrors?.code} required>
        {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={16} />}
      </Field>
      <SubmitButton pendingText="確認中…">設定する</SubmitButton>
    </form>
  );
}
