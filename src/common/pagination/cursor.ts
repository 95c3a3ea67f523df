import { DomainException, FailureKind } from '@common/errors/domain.exception';

/** A page of a keyset-paginated listing. */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

export interface KeysetPosition {
  /** ISO timestamp or other ordered key. */
  at: string;
  id: string;
}

export class InvalidCursorException extends DomainException {
  constructor() {
    super('invalid-cursor', FailureKind.InvalidInput, 'The cursor is not valid. Start again from the first page.');
  }
}

/** Opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      if (Number.isNaN(Date.parse(parsed[0])) || !/^[0-9a-f-]{36}$/i.test(parsed[1])) throw new Error('shape');
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorException();
}
