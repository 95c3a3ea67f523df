import { DomainException, FailureKind } from '@common/errors/domain.exception';

/** Acknowledge or resolve on an escalation that is past that state. */
export class EscalationNotOpenException extends DomainException {
  constructor(state: string) {
    super('escalation-not-open', FailureKind.Conflict, 'This escalation is no longer open for that.', { state });
  }
}

/** At most one unresolved escalation per case and trigger. */
export class EscalationAlreadyOpenException extends DomainException {
  constructor(trigger: string) {
    super('escalation-already-open', FailureKind.Conflict, 'An escalation with this trigger is already open for the case.', { trigger });
  }
}

/** The safety and the duress PIN must differ, or the duress PIN would mean nothing. */
export class CheckinPinsIdenticalException extends DomainException {
  constructor() {
    super('checkin-pins-identical', FailureKind.InvalidInput, 'The safety PIN and the duress PIN must be different.');
  }
}

/** A check-in link needs PINs: set them at interview, or issue an ENROL link first. */
export class CheckinPinsNotSetException extends DomainException {
  constructor() {
    super('checkin-pins-not-set', FailureKind.Conflict, 'The case has no check-in PINs yet: set them, or issue an ENROL link first.');
  }
}

export class EscalationAssigneeInvalidException extends DomainException {
  constructor() {
    super('escalation-assignee-invalid', FailureKind.Unprocessable, 'An escalation goes to an active coordinator or to a caseworker assigned to its case.', {
      errors: [{ pointer: '/assigneeId', detail: 'is not an active coordinator or an assigned caseworker of the case' }],
    });
  }
}
