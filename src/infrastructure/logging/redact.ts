import { personalFieldsOf } from './personal-data.decorator';

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 6;

/** Returns a copy of a log object with every @PersonalData field replaced. */
export function redactPersonal(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Date || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactPersonal(item, depth + 1));
  const personal = new Set(personalFieldsOf(value));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = personal.has(key) ? REDACTED : redactPersonal(field, depth + 1);
  }
  return copy;
}

/**
 * The path as logged: no query string, and secrets that travel in paths (check-in link tokens)
 * replaced by their route parameter name.
 */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(/^\/c\/[^/]+/, '/c/:token');
}
