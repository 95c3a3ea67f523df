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

/** `expedite:respond` answers for a receiving state: only a GOVERNMENT agency's key may carry it. */
export class ScopeNotForAgencyTypeException extends DomainException {
  constructor(scope: string, agencyType: string) {
    super('scope-not-for-agency-type', FailureKind.Unprocessable, 'This scope cannot be given to an agency of this type.', { scope, agencyType });
  }
}

/** Only a live key (not revoked, not expired, not already rotated) can be rotated. */
export class ApiKeyNotRotatableException extends DomainException {
  constructor(reason: 'revoked' | 'expired' | 'already-rotated') {
    super('api-key-not-rotatable', FailureKind.Conflict, 'This API key cannot be rotated.', { reason });
  }
}
