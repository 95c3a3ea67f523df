import { InvalidAuditQueryException } from './audit.exception';

// Versioned so the listing's order can change without old cursors being misread.
const CURSOR_CONTENT = /^s1:([1-9][0-9]{0,14})$/;

/** Opaque to clients: base64url of `s1:<seq>`, the last seq of the page (the listing runs newest first). */
export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`s1:${seq}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): number {
  const match = CURSOR_CONTENT.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // Re-encoding must give the same text: refuses padding, stray bits and other spellings.
  if (!match || encodeAuditCursor(Number(match[1])) !== cursor) {
    throw new InvalidAuditQueryException('/cursor', 'cursor is not one this API returned');
  }
  return Number(match[1]);
}
