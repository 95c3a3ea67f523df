import { DomainException, FailureKind } from '@common/errors/domain.exception';

/** Every listing's page-size ceiling and default. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A position in a listing ordered by (createdAt, id): ties on the timestamp are broken by id. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: base64url of `<epoch ms>.<id>`. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.createdAt.getTime()}.${position.id}`, 'utf8').toString('base64url');
}

/** Null for anything this API did not hand out. */
export function decodeCursor(cursor: string): KeysetPosition | null {
  const [ms, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (rest.length > 0 || !ms || !/^\d{1,15}$/.test(ms) || !id || !UUID.test(id)) return null;
  return { createdAt: new Date(Number(ms)), id };
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only says whether another
 * page exists.
 */
export function toPage<R extends KeysetPosition, T>(rows: R[], limit: number, view: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** A cursor this API did not hand out. Shaped like a validation error on `cursor`. */
export class InvalidCursorException extends DomainException {
  constructor() {
    super('validation-failed', FailureKind.InvalidInput, 'The request is not valid.', {
      errors: [{ pointer: '/cursor', detail: 'cursor is not one this API returned' }],
    });
  }
}

/** Where a page starts: after the cursor's position, or at the beginning. */
export function startAfter(cursor: string | undefined): KeysetPosition | null {
  if (!cursor) return null;
  const position = decodeCursor(cursor);
  if (!position) throw new InvalidCursorException();
  return position;
}
