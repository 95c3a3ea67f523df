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

const ITEM = /^[A-Z][A-Z0-9_]{0,39}$/;

/** A checklist item code; anything else answers like an unknown item (404). */
export class ChecklistItemParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ITEM.test(value)) throw new RecordNotFoundException('checklist item');
    return value;
  }
}
