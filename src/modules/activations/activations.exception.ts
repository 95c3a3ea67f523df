import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class ActivationNotFoundException extends DomainException {
  constructor() {
    super('activation-not-found', FailureKind.NotFound, 'No activation has this code.');
  }
}

export class ActivationCodeTakenException extends DomainException {
  constructor() {
    super('activation-code-taken', FailureKind.Conflict, 'An activation with this code already exists; codes are never reused.');
  }
}

/** Two active activations covering one country would make "which one holds this case" ambiguous. */
export class ActivationOriginOverlapException extends DomainException {
  constructor(codes: string[]) {
    super('activation-origin-overlap', FailureKind.Conflict, `An active activation already covers one of these origin countries (${codes.join(', ')}).`, {
      activations: codes,
    });
  }
}

export class ActivationNotActiveException extends DomainException {
  constructor() {
    super('activation-not-active', FailureKind.Conflict, 'The activation has been stood down; its history can be read but not changed.');
  }
}

export class NotInChargeException extends DomainException {
  constructor() {
    super('activation-not-in-charge', FailureKind.Forbidden, 'Only a coordinator in charge of this activation can change it or stand it down.');
  }
}

/** Re-timing while cases are still being linked would leave the rest under the old policy. */
export class FanoutRunningException extends DomainException {
  constructor() {
    super(
      'activation-fanout-running',
      FailureKind.Conflict,
      'The activation is still linking and re-scheduling its cases; try again when its progress shows it finished.',
    );
  }
}

export class InvalidRosterException extends DomainException {
  constructor(pointer: string, detail: string) {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', { errors: [{ pointer, detail }] });
  }
}
