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

export class EscalationAssigneeInvalidException extends DomainException {
  constructor() {
    super('escalation-assignee-invalid', FailureKind.Unprocessable, 'An escalation goes to an active coordinator or to a caseworker assigned to its case.', {
      errors: [{ pointer: '/assigneeId', detail: 'is not an active coordinator or an assigned caseworker of the case' }],
    });
  }
}
