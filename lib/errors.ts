/**
 * Expected failures of the domain. Callers (server actions, route handlers) map `code` to a Japanese message;
 * unexpected failures stay plain `Error`s and become a 500 / error page.
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "VALIDATION"
  | "CONFLICT"
  | "INVALID_STATE"
  | "THROTTLED"
  | "NOT_ELIGIBLE_FOR_ELECTRONIC"
  | "SAME_PERSON_REVIEW_AND_APPROVAL"
  | "INVALID_CONTRACT_NUMBER"
  | "TOKEN_INVALID"
  | "NO_RATE_TABLE"
  | "PERIOD_ENDED";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: DomainErrorCode, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? code);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown, code?: DomainErrorCode): e is DomainError {
  return e instanceof DomainError && (code === undefined || e.code === code);
}
