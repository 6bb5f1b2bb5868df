"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import { STAFF_ROLE_LABELS, STAFF_ROLES } from "@/lib/staff/schemas";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/**
 * 職員の登録: 職員ID, 氏名, メールアドレス and 権限. No password: once another システム管理者 approves, the member sets
 * one through the link mailed to them.
 */
export function CreateStaffForm({ action }: { action: (state: State, formData: FormData) => Promise<State> }) {
  const [state, formAction] = useActionState(action, {});
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate key={state.ok ? state.message : "form"}>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <Field id="staffId" label="職員ID" hint="英小文字・数字・「.」「_」「-」の3〜64文字" errors={e.staffId} required>
        {(p) => <input {...p} type="text" autoComplete="off" defaultValue={v.staffId ?? ""} />}
      </Field>
      <Field id="name" label="氏名" errors={e.name} required>
        {(p) => <input {...p} type="text" defaultValue={v.name ?? ""} />}
      </Field>
      <Field id="email" label="メールアドレス" errors={e.email} required>
        {(p) => <input {...p} type="email" defaultValue={v.email ?? ""} />}
      </Field>
      <Field id="role" label="権限" errors={e.role} required>
        {(p) => (
          <select {...p} defaultValue={v.role ?? "REVIEWER"}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {STAFF_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted">別のシステム管理者が承認すると、本人に「職員ID登録のお知らせ」メールでパスワード設定用のリンクが届きます。</p>
      <SubmitButton pendingText="登録中…">登録する</SubmitButton>
    </form>
  );
}
