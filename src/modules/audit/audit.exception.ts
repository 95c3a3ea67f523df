import { DomainException, FailureKind } from '@common/errors/domain.exception';

/**
 * A query the validators let through but that cannot be answered (a cursor this API never
 * issued, an inverted time range). Same problem type and shape as every other invalid input.
 */
export class InvalidAuditQueryException extends DomainException {
  constructor(pointer: string, detail: string) {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', { errors: [{ pointer, detail }] });
  }
}
