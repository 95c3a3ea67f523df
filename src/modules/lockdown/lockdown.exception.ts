import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class LockdownAlreadyActiveException extends DomainException {
  constructor() {
    super('lockdown-active', FailureKind.Conflict, 'Lockdown is already in force.');
  }
}

export class LockdownNotActiveException extends DomainException {
  constructor() {
    super('lockdown-not-active', FailureKind.Conflict, 'There is no lockdown to lift.');
  }
}

/** The admin who declared lockdown cannot lift it: a second admin must. */
export class LockdownNeedsSecondAdminException extends DomainException {
  constructor() {
    super('lockdown-needs-second-admin', FailureKind.Conflict, 'A different administrator must lift the lockdown.');
  }
}
