import type { PipeTransform } from '@nestjs/common';
import { RecordNotFoundException } from '@common/access/access.exception';

const ITEM = /^[A-Z][A-Z0-9_]{0,39}$/;

/** A checklist item code; anything else answers like an unknown item (404). */
export class ChecklistItemParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ITEM.test(value)) throw new RecordNotFoundException('checklist item');
    return value;
  }
}
