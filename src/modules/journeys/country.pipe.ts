import type { PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '@infra/http/request-validation.exception';

/** A path segment that must be an ISO 3166-1 alpha-2 code (400 naming it otherwise). */
export class CountryParam implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    const country = value.toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) throw new RequestValidationException([{ pointer: `/${this.name}`, detail: 'must be an ISO 3166-1 alpha-2 code' }]);
    return country;
  }
}
