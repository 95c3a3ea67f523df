import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RequestValidationException } from './request-validation.exception';

/** Nest's ValidationPipe with Corridor's options: whitelist, refuse unknown properties, transform to DTO classes. */
export class CorridorValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      // Never echo the rejected value back: it may be personal data.
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => RequestValidationException.fromValidationErrors(errors),
    });
  }

  /**
   * A body or query validated against a DTO class must be a JSON object. Anything else (a
   * missing body, `[]`, a string, `null`) is reported at the root pointer together with every
   * field the DTO requires, so a client learns the whole shape at once; the value sent is never
   * repeated back.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && metadata.metatype && this.toValidate(metadata) && !isPlainObject(value)) {
      const fields = await super.transform({}, metadata).then(
        () => [],
        (error: unknown) => (error instanceof RequestValidationException ? error.errors : []),
      );
      const root = metadata.type === 'body' ? 'The request body must be a JSON object.' : 'The query must be a set of named parameters.';
      throw new RequestValidationException([{ pointer: '', detail: root }, ...fields]);
    }
    return super.transform(value, metadata);
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The pipe every route runs (registered globally, and run early by the idempotency interceptor). */
export function createValidationPipe(): ValidationPipe {
  return new CorridorValidationPipe();
}
