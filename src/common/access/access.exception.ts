import { DomainException, FailureKind } from '@common/errors/domain.exception';

/** No or bad credentials. Deliberately says nothing about which part was wrong. */
export class UnauthenticatedException extends DomainException {
  constructor() {
    super('unauthenticated', FailureKind.Unauthenticated, 'Authentication is required.');
  }
}

/** Authenticated, but the route is not for this principal. */
export class PermissionDeniedException extends DomainException {
  constructor() {
    super('forbidden', FailureKind.Forbidden, 'You may not do this.');
  }
}

/**
 * A record outside the principal's scope. Answered exactly like a record that does not exist,
 * so existence never leaks (BOLA).
 */
export class RecordNotFoundException extends DomainException {
  constructor(resource: string) {
    super('not-found', FailureKind.NotFound, `No such ${resource}.`);
  }
}
