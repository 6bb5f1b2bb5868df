import type { FieldErrors } from "@/lib/guarantee-application/field-errors";

/** What the application form's server action answers (useActionState). */
export interface ApplicationFormState {
  /** Bumped by every answer so the fields re-mount with the values echoed back. */
  seq?: number;
  message?: string;
  fieldErrors?: FieldErrors;
  /** What was posted, as typed: nothing is lost when the form comes back with errors. */
  values?: Record<string, string>;
  /** Set once a new application has been stored (a failed 確認 of a new form), so the next post updates it. */
  applicationId?: string;
}

/** What the 申込む button's server action answers. */
export interface SubmitFormState {
  message?: string;
  fieldErrors?: FieldErrors;
}
