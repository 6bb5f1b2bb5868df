"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

export type DsureLookupState = {
  message?: string;
  fieldErrors?: { contractNumber?: string[]; authKey?: string[] };
  /** Echoed back so nothing typed is lost — the number only: the key is never sent back to the page. */
  values?: { contractNumber?: string };
  /** The certificate, rendered on the server (no client code of its own). */
  result?: React.ReactNode;
  /**
   * Set instead of a (serialisable) result when the form was posted without JavaScript: the server put the certificate
   * into the page's HTML, and Next.js hands this state to the browser as plain JSON, where a React element cannot
   * survive. The form then keeps the certificate's HTML as the server rendered it.
   */
  resultInPage?: boolean;
};

/** React leaves the children of an element with this (constant) inner HTML as they are: the server's certificate. */
const AS_RENDERED = { __html: "" };

/**
 * D-Sure's look-up form: 保証契約番号 + 認証キー → 電子証書を表示. It posts to a server action and works without
 * JavaScript as a plain form; the result comes back in the same response.
 */
export function DsureLookupForm({
  action,
  initialContractNumber,
}: {
  action: (state: DsureLookupState, formData: FormData) => Promise<DsureLookupState>;
  initialContractNumber: string;
}) {
  const [state, formAction] = useActionState(action, { values: { contractNumber: initialContractNumber } });
  const hasResult = Boolean(state.result) || state.resultInPage === true;
  return (
    <>
      {state.result ? (
        <div key="result">{state.result}</div>
      ) : state.resultInPage ? (
        <div key="result-in-page" suppressHydrationWarning dangerouslySetInnerHTML={AS_RENDERED} />
      ) : null}
      <form action={formAction} noValidate className="no-print" aria-label="電子証書の照会">
        {hasResult ? <h2>別の電子証書を照会する</h2> : null}
        <FormMessage message={state.message} />
        <Field
          id="contractNumber"
          label="保証契約番号"
          hint="例：2024-0001234-0（ハイフンは省略できます。全角数字でも入力できます）"
          errors={state.fieldErrors?.contractNumber}
          required
        >
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              defaultValue={hasResult ? "" : (state.values?.contractNumber ?? "")}
            />
          )}
        </Field>
        <Field
          id="authKey"
          label="認証キー"
          hint="「認証キー等のお知らせ」に記載の英数字16文字（ハイフン・大文字小文字の区別は不要です）"
          errors={state.fieldErrors?.authKey}
          required
        >
          {(p) => <input {...p} type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={64} />}
        </Field>
        <SubmitButton pendingText="照会しています…">電子証書を表示</SubmitButton>
      </form>
    </>
  );
}
