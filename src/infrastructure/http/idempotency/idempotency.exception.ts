import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class IdempotencyKeyRequiredException extends DomainException {
  constructor() {
    super(
      'idempotency-key-required',
      FailureKind.InvalidInput,
      'This request changes something: send an Idempotency-Key header (1 to 255 printable characters; a UUID is best).',
    );
  }
}

export class IdempotencyKeyReusedException extends DomainException {
  constructor() {
    super('idempotency-key-reused', FailureKind.Unprocessable, 'This Idempotency-Key was used with another request. Use a new key for a new request.');
  }
}

export class IdempotencyKeyInFlightException extends DomainException {
  constructor() {
    // Retry-After: the first attempt is usually done within a second.
    super('idempotency-key-in-flight', FailureKind.Conflict, 'A request with this Idempotency-Key is still being processed. Retry shortly.', {
      retryAfterSeconds: 1,
    });
  }
}

export class IdempotencyKeyInvalidException extends DomainException {
  constructor(detail: string) {
    super('idempotency-key-invalid', FailureKind.InvalidInput, detail);
  }
}
