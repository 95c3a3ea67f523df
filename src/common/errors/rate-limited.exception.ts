import { DomainException, FailureKind } from './domain.exception';

/** Too many attempts; the problem filter turns `retryAfterSeconds` into a Retry-After header. */
export class RateLimitedException extends DomainException {
  constructor(readonly retryAfterSeconds: number) {
    super('rate-limited', FailureKind.RateLimited, 'Too many attempts. Try again later.', { retryAfterSeconds });
  }
}
