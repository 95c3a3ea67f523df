import type { PipeTransform } from '@nestjs/common';
import { RecordNotFoundException } from '@common/access/access.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A nested id that cannot be one answers like an unknown record (404), never a 400 hint. */
export class JourneyIdParam implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new RecordNotFoundException(this.resource);
    return value.toLowerCase();
  }
}
