import type { PipeTransform } from '@nestjs/common';
import { RequestValidationException } from './request-validation.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id must be a uuid; anything else is a 400 naming the parameter. Use as `new UuidParam()`. */
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name: string = 'id') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new RequestValidationException([{ pointer: `/${this.name}`, detail: `${this.name} must be a UUID` }]);
    return value.toLowerCase();
  }
}
