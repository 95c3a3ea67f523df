import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class TransitCountryNotAllowedException extends DomainException {
  constructor(allowed: readonly string[]) {
    super('transit-country-not-allowed', FailureKind.Unprocessable, `The transit country is not on the allowed list (${allowed.join(', ')}).`, {
      errors: [{ pointer: '/transitCountry', detail: 'is not an allowed transit country' }],
    });
  }
}

export class FourEyesApprovalRequiredException extends DomainException {
  constructor(subject = 'A relocation plan') {
    super('four-eyes-approval-required', FailureKind.Conflict, `${subject} must be decided by a coordinator other than the one who requested it.`, {
      guard: 'four-eyes-approval-required',
    });
  }
}

export class CoordinatorRequiredException extends DomainException {
  constructor() {
    super('coordinator-required', FailureKind.Forbidden, 'Only a coordinator can decide this.');
  }
}

export class RelocationPlanNotPendingException extends DomainException {
  constructor(status: string) {
    super('relocation-plan-not-pending', FailureKind.Conflict, `The relocation plan is ${status}; only a REQUESTED plan can be decided or withdrawn.`, {
      status,
    });
  }
}

export class WithdrawalByRequesterOnlyException extends DomainException {
  constructor() {
    super('withdrawal-by-requester-only', FailureKind.Conflict, 'Only the staff member who requested a relocation plan can withdraw it.');
  }
}

export class MovementLegStatusConflictException extends DomainException {
  constructor(status: string, event: string) {
    super('movement-leg-status-conflict', FailureKind.Conflict, `A ${status} leg cannot record ${event}.`, { status });
  }
}

export class StayAlreadyOpenException extends DomainException {
  constructor() {
    super('stay-already-open', FailureKind.Conflict, 'The case has a stay that has not ended; record its exit first.');
  }
}

export class StayAlreadyEndedException extends DomainException {
  constructor() {
    super('stay-already-ended', FailureKind.Conflict, 'This stay has already ended.');
  }
}

/** An actual date later than today, or an exit before the entry. */
export class ImpossibleDateException extends DomainException {
  constructor(pointer: string, detail: string) {
    super('impossible-date', FailureKind.Unprocessable, 'A recorded date is impossible.', { errors: [{ pointer, detail }] });
  }
}

export class ResettlementConsentRequiredException extends DomainException {
  constructor() {
    super(
      'resettlement-consent-required',
      FailureKind.Unprocessable,
      'The case has not recorded consent to submission to resettlement pathways; a coordinator may override it with a reason.',
      {
        errors: [{ pointer: '/consentOverrideReason', detail: 'is required while the case has no resettlement consent' }],
      },
    );
  }
}

export class ResettlementStatusConflictException extends DomainException {
  constructor(code: string, status: string, detail: string) {
    super(code, FailureKind.Conflict, detail, { status });
  }
}

export class NextStepException extends DomainException {
  constructor(detail: string) {
    super('next-step-invalid', FailureKind.Unprocessable, 'A denied or deferred application needs its next step; no other outcome takes one.', {
      errors: [{ pointer: '/nextStep', detail }],
    });
  }
}

export class ExpediteRequiresEmergencyException extends DomainException {
  constructor(priority: string) {
    super('expedite-requires-emergency', FailureKind.Conflict, `Expedited protection is asked only for EMERGENCY cases; this case is ${priority}.`, {
      guard: 'expedite-requires-emergency',
    });
  }
}

/** The addressed agency is unknown, suspended, or not a receiving state's liaison. */
export class ExpediteAgencyNotGovernmentException extends DomainException {
  constructor(detail: string) {
    super(
      'expedite-agency-not-government',
      FailureKind.Unprocessable,
      `An expedited request goes to an active GOVERNMENT agency (a receiving state's liaison); ${detail}.`,
      {
        errors: [{ pointer: '/agencyId', detail: 'is not an active GOVERNMENT agency' }],
      },
    );
  }
}

export class ExpediteApplicationClosedException extends DomainException {
  constructor(status: string) {
    super('expedite-application-not-open', FailureKind.Conflict, `An expedited request is made for an application still in progress; it is ${status}.`, {
      status,
    });
  }
}

export class ExpediteRequestPendingException extends DomainException {
  constructor() {
    super('expedite-request-pending', FailureKind.Conflict, 'This agency already has an undecided expedited request for this application.');
  }
}

export class ExpediteDeadlineException extends DomainException {
  constructor(detail: string) {
    super('expedite-deadline-invalid', FailureKind.Unprocessable, 'The response deadline must be in the future and at most 30 days ahead.', {
      errors: [{ pointer: '/deadline', detail }],
    });
  }
}

export class SharingConsentRequiredException extends DomainException {
  constructor() {
    super(
      'sharing-consent-required',
      FailureKind.Unprocessable,
      'The case has not recorded consent to sharing with partners; a coordinator may override it with a reason.',
      {
        errors: [{ pointer: '/consentOverrideReason', detail: 'is required to share personal details while the case has no sharing consent' }],
      },
    );
  }
}

export class ExpediteShareUnavailableException extends DomainException {
  constructor(field: string) {
    super('expedite-share-unavailable', FailureKind.Unprocessable, `The case file has no ${field} to share.`, {
      errors: [{ pointer: '/share', detail: `${field} is not recorded on the case` }],
    });
  }
}

export class ExpediteAlreadyDecidedException extends DomainException {
  constructor(status: string) {
    super('expedite-request-decided', FailureKind.Conflict, `The request was already decided (${status}); a decision is final.`, { status });
  }
}

export class ExpediteDocumentNotApplicableException extends DomainException {
  constructor() {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', { errors: [{ pointer: '/document', detail: 'is only for GRANTED' }] });
  }
}
