"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** 解約 (ADMIN or APPROVER): 解約日 and the reason; D-Sure shows 解約 from then on. */
export function CancelContractForm({
  action,
  contractId,
  today,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  contractId: string;
  /** YYYY-MM-DD, the default 解約日 */
  today: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} noValidate key={state.ok ? "done" : "form"}>
      <input type="hidden" name="contractId" value={contractId} />
      <Field id="cancelDate" label="解約日" hint="例：2025-03-31（2025/3/31、2025年3月31日 も可）" errors={state.fieldErrors?.cancelDate} required>
        {(p) => <input {...p} type="text" autoComplete="off" defaultValue={values.cancelDate ?? today} />}
      </Field>
      <Field id="cancelReason" label="解約の理由" errors={state.fieldErrors?.reason} required>
        {(p) => <textarea {...p} name="reason" rows={3} maxLength={2000} defaultValue={values.reason ?? ""} />}
      </Field>
      <p>
        <label style={{ display: "inline-flex", gap: "0.5rem", alignItems: "center" }}>
          <input type="checkbox" name="confirm" value="yes" required />
          解約すると元に戻せないことを確認しました（D-Sureでは「解約」と表示されます）
        </label>
      </p>
      <SubmitButton className="btn btn--danger" pendingText="解約処理中…">
        解約する
      </SubmitButton>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
