/** Messages per form field (`workName`, `deliveryMethod` …; `_form` for the whole form), as the forms show them. */
export type FieldErrors = Record<string, string[]>;

export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  const list = (errors[field] ??= []);
  if (!list.includes(message)) list.push(message);
}

export function mergeFieldErrors(into: FieldErrors, from: FieldErrors): FieldErrors {
  for (const [field, messages] of Object.entries(from)) for (const m of messages) addFieldError(into, field, m);
  return into;
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((m) => m.length > 0);
}
