/**
 * The kinds of failure a domain can report. The global problem filter maps each kind to an
 * HTTP status, so services never depend on HTTP.
 */
export enum FailureKind {
  InvalidInput = 'INVALID_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Unprocessable = 'UNPROCESSABLE',
  RateLimited = 'RATE_LIMITED',
  Unavailable = 'UNAVAILABLE',
}

/**
 * Base of every expected failure. `code` is stable and becomes the problem `type`;
 * `detail` is for people and must never contain personal data.
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly kind: FailureKind,
    readonly detail: string,
    /** Extra, non-personal members for the problem document (e.g. the guard that refused). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}
