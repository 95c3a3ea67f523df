import { ValidationPipe } from '@nestjs/common';
import { RequestValidationException } from './request-validation.exception';

/** Whitelist, refuse unknown properties, transform to DTO classes; errors become problem+json. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
