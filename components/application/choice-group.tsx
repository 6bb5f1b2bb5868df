import styles from "./application.module.css";

/**
 * A group of radio buttons (or one checkbox) with its legend, hint and errors beside it — the fieldset counterpart of
 * components/form/field.tsx. Errors and hints are linked with aria-describedby, and the group is marked invalid.
 */
export function ChoiceGroup({
  id,
  legend,
  hint,
  errors,
  required,
  children,
}: {
  id: string;
  legend: string;
  hint?: React.ReactNode;
  errors?: string[];
  required?: boolean;
  children: React.ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`field ${styles.group}`} id={id} aria-describedby={describedBy} aria-invalid={errors?.length ? true : undefined}>
      <legend>
        {legend}
        {required ? <span aria-hidden="true"> ＊</span> : null}
      </legend>
      {hint ? (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <div className={styles.options}>{children}</div>
      {errors?.length ? (
        <p className="field__error" id={errorId}>
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One radio button or checkbox with its label after it. */
export function Choice({
  label,
  ...input
}: { label: string } & React.InputHTMLAttributes<HTMLInputElement> & { type: "radio" | "checkbox" }) {
  return (
    <label className={styles.choice}>
      <input {...input} />
      <span>{label}</span>
    </label>
  );
}
