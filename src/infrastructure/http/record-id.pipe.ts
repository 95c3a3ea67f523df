import type { PipeTransform } from '@nestjs/common';
import { RecordNotFoundException } from '@common/access/access.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path id that cannot be one answers exactly like an unknown record (404), never a 400 hint,
 * so malformed, missing and out-of-scope ids look the same. Use as `new RecordIdParam('session')`.
 */
export class RecordIdParam implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new RecordNotFoundException(this.resource);
    return value.toLowerCase();
  }
}
