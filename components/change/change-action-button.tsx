"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";

type State = { ok?: boolean; message?: string };

/**
 * A one-button form (取下げ, 審査完了, 承認, 再発行 …): hidden inputs as children, the result announced beside it. The
 * button disables itself while the request runs; the domain functions are idempotent anyway. With `confirm`, a
 * checkbox must be ticked first (for steps that cannot be undone).
 */
export function ChangeActionButton({
  action,
  label,
  pendingLabel,
  children,
  tone = "primary",
  confirm,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  label: string;
  pendingLabel?: string;
  children?: React.ReactNode;
  tone?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const className = `btn${tone === "danger" ? " btn--danger" : tone === "secondary" ? " btn--secondary" : ""}`;
  return (
    <form action={formAction} className="action-form">
      {children}
      {confirm ? (
        <p>
          <label style={{ display: "inline-flex", gap: "0.5rem", alignItems: "center" }}>
            <input type="checkbox" name="confirm" value="yes" required />
            {confirm}
          </label>
        </p>
      ) : null}
      <SubmitButton className={className} pendingText={pendingLabel}>
        {label}
      </SubmitButton>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
