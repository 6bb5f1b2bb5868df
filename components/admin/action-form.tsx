"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string };

/**
 * A one-button form for a back-office operation (審査完了, 締結, 完了 …): hidden inputs as children, the result
 * announced beside the button. The button disables itself while the request runs; the server is idempotent anyway.
 */
export function ActionForm({
  action,
  label,
  pendingLabel,
  children,
  danger = false,
  secondary = false,
  successMessage,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  label: string;
  pendingLabel?: string;
  children?: React.ReactNode;
  danger?: boolean;
  secondary?: boolean;
  successMessage?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const className = `btn${danger ? " btn--danger" : ""}${secondary ? " btn--secondary" : ""}`;
  return (
    <form action={formAction} className="action-form">
      {children}
      <SubmitButton className={className} pendingText={pendingLabel}>
        {label}
      </SubmitButton>
      <FormMessage message={state.message ?? (state.ok ? successMessage : undefined)} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
