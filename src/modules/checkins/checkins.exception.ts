import { DomainException, FailureKind } from '@common/errors/domain.exception';

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
