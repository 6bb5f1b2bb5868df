/** What the change forms' server actions answer (useActionState). */
export type ChangeFormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** what was typed, echoed back so nothing is lost */
  values?: Record<string, string>;
  /** bumped on every answer, so the fields remount with the echoed values (React resets a form after its action) */
  seq?: number;
};
