import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class ConsentToServicesRequiredException extends DomainException {
  constructor() {
    super('consent-to-services-required', FailureKind.Unprocessable, "A case is opened only with the person's consent to services.");
  }
}

export class EraseConfirmationMismatchException extends DomainException {
  constructor() {
    super('erase-confirmation-mismatch', FailureKind.InvalidInput, 'Type the case reference again to confirm erasure.', {
      errors: [{ pointer: '/confirmReference', detail: 'does not match the case reference' }],
    });
  }
}

export class NotACaseworkerException extends DomainException {
  constructor() {
    super('not-an-active-caseworker', FailureKind.Unprocessable, 'Every assignee must be an active caseworker.', {
      errors: [{ pointer: '/caseworkerIds', detail: 'contains an id that is not an active caseworker' }],
    });
  }
}

export class CaseErasedException extends DomainException {
  constructor() {
    super('case-erased', FailureKind.Conflict, 'This case was erased; its protected content no longer exists.');
  }
}

export class ErasureAlreadyRequestedException extends DomainException {
  constructor() {
    super('erasure-already-requested', FailureKind.Conflict, 'An erasure of this case is already waiting for a second coordinator to confirm or withdraw it.');
  }
}

export class ErasureNotRequestedException extends DomainException {
  constructor() {
    super('erasure-not-requested', FailureKind.Conflict, 'No erasure of this case is waiting for confirmation: one coordinator requests it first.');
  }
}

export class ErasureRequestExpiredException extends DomainException {
  constructor() {
    super('erasure-request-expired', FailureKind.Conflict, 'The erasure request is too old to confirm; request it again.');
  }
}

export class ErasureNeedsSecondPersonException extends DomainException {
  constructor() {
    super('four-eyes-approval-required', FailureKind.Conflict, 'An erasure must be confirmed by a coordinator other than the one who requested it.', {
      guard: 'four-eyes-approval-required',
    });
  }
}

export class SearchNameTooShortException extends DomainException {
  constructor() {
    super('search-name-too-short', FailureKind.InvalidInput, 'Search with at least a given name and a family name.', {
      errors: [{ pointer: '/name', detail: 'needs at least two name words' }],
    });
  }
}

export class DuplicateAlreadyDecidedException extends DomainException {
  constructor() {
    super('duplicate-already-decided', FailureKind.Conflict, 'This pair of cases was already reviewed; a decision is final.');
  }
}

export class DuplicateCloseReferenceException extends DomainException {
  constructor() {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', {
      errors: [{ pointer: '/closeReference', detail: 'must be one of the two cases under review' }],
    });
  }
}
