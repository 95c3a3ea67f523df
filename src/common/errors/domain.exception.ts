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
  /** The request carries more than the route accepts (413). */
  TooLarge = 'TOO_LARGE',
  /** The content's type is not one the route accepts (415). */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
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
