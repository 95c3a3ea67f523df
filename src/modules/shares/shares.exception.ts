import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class SharingConsentRequiredException extends DomainException {
  constructor() {
    super('sharing-consent-required', FailureKind.Conflict, 'The person has not consented to sharing with partner agencies; record that consent first.', {
      guard: 'consentSharing',
    });
  }
}

export class UnknownAgencyException extends DomainException {
  constructor() {
    super('unknown-agency', FailureKind.Unprocessable, 'No active partner agency has this id.', {
      errors: [{ pointer: '/agencyId', detail: 'is not an active partner agency' }],
    });
  }
}

export class ShareExpiryOutOfRangeException extends DomainException {
  constructor(maxDays: number) {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', {
      errors: [{ pointer: '/expiresAt', detail: `must be in the future and at most ${maxDays} days ahead` }],
    });
  }
}

export class NoActiveShareException extends DomainException {
  constructor() {
    super('no-active-share', FailureKind.Conflict, 'No partner agency holds an active share of this case.');
  }
}
