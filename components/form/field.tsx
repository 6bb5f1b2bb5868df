/**
 * A labelled form field with its hint and its errors beside it. The errors are linked to the input with
 * aria-describedby and the input is marked aria-invalid, so screen readers announce them.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  required?: boolean;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string; required?: boolean }) => React.ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> ＊</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        name: id,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": describedBy,
        required,
      })}
      {errors?.length ? (
        <p className="field__error" id={errorId}>
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The message of a whole form (e.g. a failed login), announced politely when it changes. */
export function FormMessage({ message, tone = "error" }: { message?: string | null; tone?: "error" | "success" | "warning" }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} aria-live={tone === "error" ? "assertive" : "polite"}>
      {message ? <p className={`notice notice--${tone}`}>{message}</p> : null}
    </div>
  );
}
