"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/**
 * 発注者へ送信: pick the department of the guarantee's orderer; the notice goes to its registered address. The token
 * (new with every render of the page) makes a double click send once; the button also disables itself.
 */
export function SendKeyNoticeForm({
  action,
  contractNumber,
  departments,
  defaultDepartmentId,
  requestToken,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  contractNumber: string;
  departments: { id: string; name: string; email: string }[];
  defaultDepartmentId: string;
  requestToken: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const initial = departments.some((d) => d.id === defaultDepartmentId) ? defaultDepartmentId : (departments[0]?.id ?? "");
  const [departmentId, setDepartmentId] = useState(state.values?.departmentId ?? initial);
  const chosen = departments.find((d) => d.id === departmentId);
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="contractNumber" value={contractNumber} />
      <input type="hidden" name="requestToken" value={requestToken} />
      <Field id="departmentId" label="送信先の担当課" hint={chosen ? `送信先アドレス：${chosen.email}` : undefined} errors={state.fieldErrors?.departmentId} required>
        {(p) => (
          <select {...p} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SubmitButton pendingText="送信中…">発注者へ送信</SubmitButton>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
