import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { describePasswordProblems, type PasswordProblem } from './password-policy';

/**
 * Any failed login: wrong email, password or code, a locked or inactive account. One answer for
 * all, so the endpoint cannot be used to learn which accounts exist or are locked.
 */
export class InvalidCredentialsException extends DomainException {
  constructor() {
    super('invalid-credentials', FailureKind.Unauthenticated, 'The email, password or code is not correct.');
  }
}

/**
 * The password was right and the code a valid one, but already used (the code that confirmed
 * enrolment, or the last login's). Given only once the password has been checked, so it tells
 * nothing to someone without the password.
 */
export class TotpCodeReusedException extends DomainException {
  constructor(kind: FailureKind.Unauthenticated | FailureKind.Unprocessable = FailureKind.Unauthenticated) {
    super('totp-code-reused', kind, 'This code has already been used. Wait for the next code in the authenticator app (a new one every 30 seconds).');
  }
}

export class InvalidEnrolmentTokenException extends DomainException {
  constructor() {
    super('invalid-enrolment-token', FailureKind.Unauthenticated, 'This enrolment link is not valid. Ask an administrator for a new one.');
  }
}

export class EnrolmentNotStartedException extends DomainException {
  constructor() {
    super('enrolment-not-started', FailureKind.Conflict, 'Set a password first; then confirm with a code from the authenticator.');
  }
}

export class InvalidTotpCodeException extends DomainException {
  constructor() {
    super('invalid-totp-code', FailureKind.Unprocessable, 'The code is not correct. Check the authenticator app and the clock of the phone.');
  }
}

export class WeakPasswordException extends DomainException {
  constructor(problems: PasswordProblem[]) {
    // The detail names the actual problems (a long password containing the email is refused for that, not for length).
    super('weak-password', FailureKind.Unprocessable, describePasswordProblems(problems), { problems });
  }
}

export class InvalidRefreshTokenException extends DomainException {
  constructor() {
    super('invalid-refresh-token', FailureKind.Unauthenticated, 'Sign in again.');
  }
}

export class StaffAccountExistsException extends DomainException {
  constructor() {
    super('staff-account-exists', FailureKind.Conflict, 'An account with this email exists.');
  }
}

export class SelfRoleChangeException extends DomainException {
  constructor() {
    super('self-role-change', FailureKind.Forbidden, 'Another administrator must change your roles or status.');
  }
}

export class LastAdminException extends DomainException {
  constructor() {
    super('last-admin', FailureKind.Conflict, 'At least one active administrator must remain.');
  }
}

export class StaffAccountNotActiveException extends DomainException {
  constructor() {
    super('staff-account-not-active', FailureKind.Conflict, 'The account is not active.');
  }
}

export class WrongPasswordException extends DomainException {
  constructor() {
    super('wrong-password', FailureKind.Unprocessable, 'The current password is not correct.');
  }
}

export class MixedRolesException extends DomainException {
  constructor() {
    super(
      'administration-and-case-roles',
      FailureKind.Unprocessable,
      'An account holds administration roles (admin, auditor) or case roles (caseworker, coordinator), never both.',
      {
        errors: [{ pointer: '/roles', detail: 'mixes administration and case roles' }],
      },
    );
  }
}

export class SecondAdminRequiredException extends DomainException {
  constructor() {
    super(
      'second-admin-required',
      FailureKind.Conflict,
      'A reset for lost credentials must be approved by an administrator other than the one who requested it.',
      {
        guard: 'second-admin-required',
      },
    );
  }
}

export class CredentialResetNotRequestedException extends DomainException {
  constructor() {
    super('credential-reset-not-requested', FailureKind.Conflict, 'No reset for lost credentials is waiting for approval on this account.');
  }
}

export class CurrentPasswordUnavailableException extends DomainException {
  constructor() {
    super(
      'current-password-unavailable',
      FailureKind.Conflict,
      'The account has no password its owner could prove; request a reset for lost credentials (approved by a second administrator).',
    );
  }
}
