import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class NotReadyException extends DomainException {
  constructor(unreachable: string[]) {
    super('not-ready', FailureKind.Unavailable, 'A dependency is unreachable.', { unreachable });
  }
}
