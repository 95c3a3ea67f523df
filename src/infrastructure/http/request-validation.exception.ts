import type { ValidationError } from 'class-validator';
import { DomainException, FailureKind } from '@common/errors/domain.exception';
import type { FieldError } from './problem';

/** A request body, query or parameter failed validation. Carries pointers, never values. */
export class RequestValidationException extends DomainException {
  constructor(readonly errors: FieldError[]) {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', { errors });
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationException {
    return new RequestValidationException(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const pointer = `${prefix}/${escapePointer(error.property)}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      pointer,
      detail: constraint === 'whitelistValidation' ? `unknown property "${error.property}"` : message,
    }));
    return [...own, ...flatten(error.children ?? [], pointer)];
  });
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
