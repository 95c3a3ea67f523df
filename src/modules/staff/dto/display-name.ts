import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const DISPLAY_NAME_MAX_LENGTH = 80;

/**
 * A display name: trimmed, NFC, 1–80 characters, letters of any script, spaces and the usual
 * name punctuation; no control characters (it is shown to colleagues and never logged).
 */
export const IsDisplayName = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : value)),
    IsString(),
    MinLength(1),
    MaxLength(DISPLAY_NAME_MAX_LENGTH),
    Matches(/^[\p{L}\p{M}][\p{L}\p{M}\p{N} .'’\-()]*$/u, { message: 'displayName must be letters, spaces and name punctuation' }),
  );
