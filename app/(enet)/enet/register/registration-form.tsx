"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import { REGISTRATION_FIELD_LABELS, type RegistrationField } from "@/lib/registration/schemas";
import type { RegistrationFormState } from "./actions";

const FIELDS: { name: RegistrationField; type: "text" | "email" | "tel"; autoComplete: string; hint?: string }[] = [
  { name: "companyName", type: "text", autoComplete: "organization" },
  { name: "representative", type: "text", autoComplete: "off", hint: "役職と氏名（例：代表取締役 鹿児島 太郎）" },
  { name: "address", type: "text", autoComplete: "street-address" },
  { name: "licenseNumber", type: "text", autoComplete: "off", hint: "例：鹿児島県知事許可（特-6）第12345号" },
  { name: "contactName", type: "text", autoComplete: "name" },
  { name: "email", type: "email", autoComplete: "email", hint: "ID登録のお知らせなど、e-Net保証からのメールはこのアドレスに届きます" },
  { name: "phone", type: "tel", autoComplete: "tel", hint: "例：099-000-0000" },
];

export function RegistrationForm({ action }: { action: (s: RegistrationFormState, f: FormData) => Promise<RegistrationFormState> }) {
  const [state, formAction] = useActionState(action, {});
  if (state.done) {
    return (
      <div className="notice notice--success" role="status">
        <p>
          <strong>ID登録申請を受け付けました。</strong>
        </p>
        <p>
          受付のお知らせを {state.values?.email} にお送りしました。当社で内容を確認し、登録が完了しましたら「ID登録のお知らせ」メールでお客様IDとパスワード設定のご案内をお送りします。
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} noValidate key={state.seq ?? 0}>
      <FormMessage message={state.message} />
      {FIELDS.map((f) => (
        <Field key={f.name} id={f.name} label={REGISTRATION_FIELD_LABELS[f.name]} hint={f.hint} errors={state.fieldErrors?.[f.name]} required>
          {(p) => <input {...p} type={f.type} autoComplete={f.autoComplete} defaultValue={state.values?.[f.name] ?? ""} />}
        </Field>
      ))}
      <SubmitButton pendingText="送信中…">申請する</SubmitButton>
    </form>
  );
}
