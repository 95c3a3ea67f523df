import type { PipeTransform } from '@nestjs/common';
import { RecordNotFoundException } from '@common/access/access.exception';
import { isCaseReference } from './domain/case-reference';

/** A path reference that cannot be one answers like an unknown case (404), never a 400 hint. */
export class CaseReferenceParam implements PipeTransform<string, string> {
  transform(value: string): string {
    const reference = value.toUpperCase();
    if (!isCaseReference(reference)) throw new RecordNotFoundException('case');
    return reference;
  }
}
