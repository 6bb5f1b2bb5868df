"use client";
import { useFormStatus } from "react-dom";

/** Disabled while its form is being sent, so a double click sends once (the server is idempotent as well). */
export function SubmitButton({
  children,
  className = "btn",
  name,
  value,
  pendingText,
}: {
  children: React.ReactNode;
  className?: string;
  name?: string;
  value?: string;
  pendingText?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} name={name} value={value} disabled={pending} aria-disabled={pending}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
