import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class AgencyNotFoundException extends DomainException {
  constructor() {
    super('agency-not-found', FailureKind.NotFound, 'No such partner agency.');
  }
}

export class ApiKeyNotFoundException extends DomainException {
  constructor() {
    super('api-key-not-found', FailureKind.NotFound, 'No such API key.');
  }
}

/** Only a live key (not revoked, not expired, not already rotated) can be rotated. */
export class ApiKeyNotRotatableException extends DomainException {
  constructor(reason: 'revoked' | 'expired' | 'already-rotated') {
    super('api-key-not-rotatable', FailureKind.Conflict, 'This API key cannot be rotated.', { reason });
  }
}

/** A value that passed the request's shape checks but not a rule that needs the clock. */
export class PartnersInputException extends DomainException {
  constructor(pointer: string, detail: string) {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', { errors: [{ pointer, detail }] });
  }
}
