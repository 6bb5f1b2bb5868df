"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import type { SubmitFormState } from "@/lib/guarantee-application/form-state";

/** 「申込む」 on the confirmation screen; carries the version the contractor confirmed. */
export function SubmitApplicationForm({
  action,
  applicationId,
  lockVersion,
  children,
}: {
  action: (state: SubmitFormState, formData: FormData) => Promise<SubmitFormState>;
  applicationId: string;
  lockVersion: number;
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction}>
      <FormMessage message={state.message} />
      {state.fieldErrors ? (
        <ul className="field__error">
          {Object.values(state.fieldErrors)
            .flat()
            .map((m) => (
              <li key={m}>{m}</li>
            ))}
        </ul>
      ) : null}
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <div className="btn-row">
        {children}
        <SubmitButton pendingText="申込み中…">申込む</SubmitButton>
      </div>
    </form>
  );
}
